using System;
using System.Threading;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

public sealed class ReclaimAwareLockTests : IDisposable
{
    /// <summary>The longest any test waits for another thread; well above what a passing test needs.</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    public ReclaimAwareLockTests() => Assert.Equal(MemallocFlags.None, MemallocContext.Current);

    public void Dispose()
    {
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, Memalloc.ThreadState.CurrentDepth);
    }

    /// <summary>Runs <paramref name="body"/> on a new thread and waits for it, boundedly; rethrows what it threw.</summary>
    private static void OnOtherThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(Bounded), "The other thread did not finish.");
        if (failure is not null)
        {
            throw new InvalidOperationException("The other thread failed.", failure);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Constructor_requires_a_name(string? name)
    {
        var error = Assert.Throws<ArgumentException>(() => new ReclaimAwareLock(name!));

        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Properties_reflect_the_constructor()
    {
        var plain = new ReclaimAwareLock("inode.lock");
        var unsafeLock = new ReclaimAwareLock("inode.writeback", reclaimUnsafe: true);

        Assert.Equal("inode.lock", plain.Name);
        Assert.False(plain.IsReclaimUnsafe, "Locks are reclaim-safe unless constructed otherwise.");
        Assert.Equal("inode.lock", plain.ToString());
        Assert.True(unsafeLock.IsReclaimUnsafe, "The lock was constructed reclaim-unsafe.");
        Assert.Equal("inode.writeback (reclaim-unsafe)", unsafeLock.ToString());
        Assert.False(plain.IsHeldByCurrentThread, "A new lock is not held.");
        Assert.Equal(0, plain.WaitingThreads);
    }

    [Fact]
    public void Holding_a_reclaim_unsafe_lock_implies_NoFs_until_release()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        using (gate.Acquire())
        {
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            Assert.Equal(AllocFlags.NoFs, MemallocContext.Effective(AllocFlags.Default));
            Assert.Equal(0, Memalloc.ThreadState.CurrentDepth);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(AllocFlags.Default, MemallocContext.Effective(AllocFlags.Default));
    }

    [Fact]
    public void Lock_taken_with_TryAcquire_implies_NoFs_too()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        Assert.True(gate.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder holder), "A free lock is taken at once.");
        using (holder)
        {
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Holding_a_normal_lock_does_not_imply_NoFs()
    {
        var gate = new ReclaimAwareLock("plain");

        using (gate.Acquire())
        {
            Assert.Equal(MemallocFlags.None, MemallocContext.Current);
            Assert.Equal(AllocFlags.Default, MemallocContext.Effective(AllocFlags.Default));
        }
    }

    [Fact]
    public void Reclaim_unsafe_lock_adds_NoFs_to_other_scopes()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        using (NoReclaimScope.Enter())
        {
            using (gate.Acquire())
            {
                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoReclaim, MemallocContext.Current);
        }
    }

    [Fact]
    public void Nested_reclaim_unsafe_locks_keep_NoFs_until_the_last_is_released()
    {
        var outer = new ReclaimAwareLock("outer", reclaimUnsafe: true);
        var inner = new ReclaimAwareLock("inner", reclaimUnsafe: true);

        using (outer.Acquire())
        {
            using (inner.Acquire())
            {
                Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Reclaim_unsafe_locks_released_in_acquisition_order_keep_NoFs_until_the_last()
    {
        var first = new ReclaimAwareLock("first", reclaimUnsafe: true);
        var second = new ReclaimAwareLock("second", reclaimUnsafe: true);

        var a = first.Acquire();
        var b = second.Acquire();
        a.Dispose();
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        b.Dispose();

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void NoFsScope_entered_and_disposed_inside_a_reclaim_unsafe_lock_leaves_NoFs_while_the_lock_is_held()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        using (gate.Acquire())
        {
            using (Memalloc.NoFsScope.Enter())
            {
                Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            Assert.Equal(0, Memalloc.ThreadState.CurrentDepth);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Raw_Save_and_Restore_inside_a_reclaim_unsafe_lock_leave_NoFs_while_the_lock_is_held()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        using (gate.Acquire())
        {
            MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
            MemallocContext.Restore(saved);

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Lock_outliving_the_NoFsScope_it_was_taken_in_keeps_NoFs()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);

        var scope = Memalloc.NoFsScope.Enter();
        var holder = gate.Acquire();
        scope.Dispose();
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        holder.Dispose();

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Reclaim_unsafe_lock_implies_NoFs_only_on_the_holding_thread()
    {
        var gate = new ReclaimAwareLock("unsafe", reclaimUnsafe: true);
        MemallocFlags other = (MemallocFlags)(-1);

        using (gate.Acquire())
        {
            OnOtherThread(() => other = MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, other);
    }

    [Fact]
    public void Disposing_a_holder_twice_throws_and_releases_once()
    {
        var gate = new ReclaimAwareLock("twice", reclaimUnsafe: true);
        var holder = gate.Acquire();
        holder.Dispose();

        InvalidOperationException? error = null;
        try
        {
            holder.Dispose();
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Contains("'twice'", error.Message);

        // The second dispose changed nothing: the reclaim-unsafe count is back to zero, and the
        // lock is free once (a semaphore released twice would let two holders in).
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.True(gate.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder again), "The lock must be free.");
        using (again)
        {
            bool entered = true;
            OnOtherThread(() =>
            {
                entered = gate.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder intruder);
                intruder.Dispose();
            });
            Assert.False(entered, "A holder disposed twice must not release the lock twice.");
        }
    }

    [Fact]
    public void Stale_holder_cannot_release_a_later_acquisition_on_the_same_thread()
    {
        var gate = new ReclaimAwareLock("stale", reclaimUnsafe: true);
        var first = gate.Acquire();
        first.Dispose();
        var second = gate.Acquire();

        InvalidOperationException? error = null;
        try
        {
            first.Dispose();
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.True(gate.IsHeldByCurrentThread, "The second acquisition must still hold the lock.");
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        second.Dispose();
        Assert.False(gate.IsHeldByCurrentThread, "The second holder releases the lock.");
    }

    [Fact]
    public void Disposing_a_default_holder_does_nothing()
    {
        var gate = new ReclaimAwareLock("default");
        using (gate.Acquire())
        {
            default(ReclaimAwareLock.Holder).Dispose();
            Assert.True(gate.IsHeldByCurrentThread, "A default holder must not release anything.");
        }
    }

    [Fact]
    public void TryAcquire_times_out_while_another_thread_holds_the_lock()
    {
        var gate = new ReclaimAwareLock("contended", reclaimUnsafe: true);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Exception? failure = null;
        var owner = new Thread(() =>
        {
            try
            {
                using (gate.Acquire())
                {
                    held.Set();
                    release.Wait(Bounded);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        owner.Start();
        Assert.True(held.Wait(Bounded), "The owner thread never took the lock.");

        bool taken = gate.TryAcquire(TimeSpan.FromMilliseconds(50), out ReclaimAwareLock.Holder holder);

        Assert.False(taken, "The lock is held by another thread.");
        Assert.False(gate.IsHeldByCurrentThread, "A timed-out TryAcquire does not hold the lock.");
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, gate.WaitingThreads);
        holder.Dispose();

        release.Set();
        Assert.True(owner.Join(Bounded), "The owner thread did not finish.");
        Assert.Null(failure);
        Assert.True(gate.TryAcquire(Bounded, out ReclaimAwareLock.Holder after), "The released lock must be taken.");
        after.Dispose();
    }

    [Fact]
    public void Acquire_with_a_cancelled_token_throws_and_does_not_take_the_lock()
    {
        var gate = new ReclaimAwareLock("cancelled", reclaimUnsafe: true);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            using ReclaimAwareLock.Holder holder = gate.Acquire(cancelled.Token);
        });

        Assert.False(gate.IsHeldByCurrentThread, "A cancelled Acquire does not hold the lock.");
        Assert.Equal(0, gate.WaitingThreads);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.True(gate.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder after), "The lock must still be free.");
        after.Dispose();
    }

    [Fact]
    public void Acquire_blocked_by_another_holder_throws_when_the_token_fires()
    {
        var gate = new ReclaimAwareLock("blocked");
        using var cancellation = new CancellationTokenSource();
        using (gate.Acquire())
        {
            OnOtherThread(() =>
            {
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
                Assert.ThrowsAny<OperationCanceledException>(() =>
                {
                    using ReclaimAwareLock.Holder holder = gate.Acquire(cancellation.Token);
                });
            });

            Assert.True(gate.IsHeldByCurrentThread, "The cancelled waiter must not disturb the holder.");
            Assert.Equal(0, gate.WaitingThreads);
        }
    }

    [Fact]
    public void IsHeldByCurrentThread_is_true_only_for_the_holder()
    {
        var gate = new ReclaimAwareLock("held");
        bool seenElsewhere = true;

        using (gate.Acquire())
        {
            Assert.True(gate.IsHeldByCurrentThread, "The acquiring thread holds the lock.");
            OnOtherThread(() => seenElsewhere = gate.IsHeldByCurrentThread);
        }

        Assert.False(seenElsewhere, "Another thread does not hold the lock.");
        Assert.False(gate.IsHeldByCurrentThread, "A released lock is not held.");
    }

    [Fact]
    public void WaitingThreads_counts_a_blocked_waiter()
    {
        var gate = new ReclaimAwareLock("waited-for", reclaimUnsafe: true);
        using var timeout = new CancellationTokenSource(Bounded);
        bool heldThere = false;
        MemallocFlags flagsThere = MemallocFlags.None;
        Exception? failure = null;
        var waiter = new Thread(() =>
        {
            try
            {
                using (gate.Acquire(timeout.Token))
                {
                    heldThere = gate.IsHeldByCurrentThread;
                    flagsThere = MemallocContext.Current;
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };

        using (gate.Acquire())
        {
            waiter.Start();
            Assert.True(
                SpinWait.SpinUntil(() => gate.WaitingThreads == 1, Bounded),
                $"The blocked waiter was not counted; WaitingThreads is {gate.WaitingThreads}.");
            Assert.True(waiter.IsAlive, "The waiter must still be blocked while the lock is held.");
        }

        Assert.True(waiter.Join(Bounded), "The waiter did not get the lock after release.");
        Assert.Null(failure);
        Assert.True(heldThere, "The waiter held the lock once it got it.");
        Assert.Equal(MemallocFlags.NoFs, flagsThere);
        Assert.Equal(0, gate.WaitingThreads);
    }
}
