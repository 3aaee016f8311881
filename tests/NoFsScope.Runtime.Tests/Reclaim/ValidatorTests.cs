using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

[Collection(ValidatorCollection.Name)]
public sealed class ValidatorTests : IDisposable
{
    /// <summary>Every lock wait in these tests ends by then, so a missed report fails instead of hanging.</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _timeout = new(Bounded);

    public ValidatorTests()
    {
        MemallocValidator.ResetLockOrder();
        MemallocValidator.Enable();
        Assert.False(WritebackState.IsHeld, "A previous test left a writeback section on this thread.");
    }

    public void Dispose()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
        _timeout.Dispose();
    }

    /// <summary>A lock class name no other test uses, so recorded orders never leak between tests.</summary>
    private static string Unique(string name, [CallerMemberName] string test = "") => $"{test}.{name}";

    private static ShrinkerRegistry RegistryWith(TestShrinker shrinker)
    {
        var registry = new ShrinkerRegistry();
        registry.Register(shrinker);
        return registry;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AllocateFromOptimizedCode() => MemallocValidator.MightAlloc(AllocFlags.Default);

    [Fact]
    public void Enable_and_Disable_switch_the_validator()
    {
        Assert.True(MemallocValidator.IsEnabled, "The test constructor enabled the validator.");
        MemallocValidator.Disable();
        Assert.False(MemallocValidator.IsEnabled, "Disable turns the validator off.");
        MemallocValidator.Enable();
        Assert.True(MemallocValidator.IsEnabled, "Enable turns it back on.");
    }

    [Fact]
    public void MightAlloc_Default_inside_a_writeback_section_throws_naming_the_section_and_flags()
    {
        const string Section = "WritePages(inode 12)";
        AllocationScopeViolationException error;
        using (WritebackState.Enter(Section))
        {
            Assert.True(WritebackState.IsHeld, "The section is held while it is entered.");
            error = Assert.Throws<AllocationScopeViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.Default));
        }

        Assert.False(WritebackState.IsHeld, "The section is left on dispose.");
        Assert.Equal(Section, error.WritebackSection);
        Assert.Equal(AllocFlags.Default, error.RequestedFlags);
        Assert.Equal(AllocFlags.Default, error.EffectiveFlags);
        Assert.False(string.IsNullOrWhiteSpace(error.WritebackStackTrace), "The writeback stack trace is reported.");
        Assert.False(string.IsNullOrWhiteSpace(error.AllocationStackTrace), "The allocation stack trace is reported.");
        Assert.Contains(nameof(MightAlloc_Default_inside_a_writeback_section_throws_naming_the_section_and_flags), error.WritebackStackTrace);
        Assert.Contains(nameof(MightAlloc_Default_inside_a_writeback_section_throws_naming_the_section_and_flags), error.AllocationStackTrace);
        Assert.Contains(Section, error.Message);
    }

    [Fact]
    public void Violation_reports_the_requested_and_effective_flags_separately()
    {
        AllocationScopeViolationException error;
        using (WritebackState.Enter("partial"))
        {
            // Io is asked for and allowed; only DirectReclaim and Fs matter for the report.
            error = Assert.Throws<AllocationScopeViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.DirectReclaim | AllocFlags.Fs));
        }

        Assert.Equal(AllocFlags.DirectReclaim | AllocFlags.Fs, error.RequestedFlags);
        Assert.Equal(AllocFlags.DirectReclaim | AllocFlags.Fs, error.EffectiveFlags);
    }

    [Fact]
    public void MightAlloc_Default_under_NoReclaimScope_inside_a_writeback_section_does_not_throw()
    {
        using (WritebackState.Enter("noreclaim"))
        using (NoReclaimScope.Enter())
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
            Assert.True(WritebackState.IsHeld, "The section is still held.");
        }
    }

    [Fact]
    public void Innermost_writeback_section_is_named()
    {
        AllocationScopeViolationException error;
        using (WritebackState.Enter("outer"))
        using (WritebackState.Enter("inner"))
        {
            error = Assert.Throws<AllocationScopeViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.Default));
        }

        Assert.Equal("inner", error.WritebackSection);
    }

    [Fact]
    public void Allocation_stack_trace_names_the_allocating_method_when_MightAlloc_is_inlined()
    {
        AllocationScopeViolationException? error = null;
        using (WritebackState.Enter("traced"))
        {
            try
            {
                AllocateFromOptimizedCode();
            }
            catch (AllocationScopeViolationException e)
            {
                error = e;
            }
        }

        Assert.NotNull(error);
        Assert.Contains(nameof(AllocateFromOptimizedCode), error.AllocationStackTrace);
    }

    [Fact]
    public void MightAlloc_Default_under_NoFsScope_inside_a_writeback_section_does_not_throw()
    {
        using (WritebackState.Enter("nofs"))
        using (Memalloc.NoFsScope.Enter())
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
            Assert.True(WritebackState.IsHeld, "The section is still held.");
        }
    }

    [Fact]
    public void MightAlloc_Default_under_NoIoScope_inside_a_writeback_section_does_not_throw()
    {
        using (WritebackState.Enter("noio"))
        using (NoIoScope.Enter())
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
            Assert.True(WritebackState.IsHeld, "The section is still held.");
        }
    }

    [Fact]
    public void MightAlloc_Default_under_a_reclaim_unsafe_lock_inside_a_writeback_section_does_not_throw()
    {
        var gate = new ReclaimAwareLock(Unique("unsafe"), reclaimUnsafe: true);
        using (WritebackState.Enter("locked"))
        using (gate.Acquire(_timeout.Token))
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
            Assert.True(WritebackState.IsHeld, "The section is still held.");
        }
    }

    [Theory]
    [InlineData(AllocFlags.NoFs)]
    [InlineData(AllocFlags.NoIo)]
    [InlineData(AllocFlags.NoWait)]
    [InlineData(AllocFlags.Io | AllocFlags.Fs)]
    public void Requests_that_cannot_enter_fs_reclaim_do_not_throw_inside_a_writeback_section(AllocFlags requested)
    {
        using (WritebackState.Enter("safe-request"))
        {
            MemallocValidator.MightAlloc(requested);
            Assert.True(WritebackState.IsHeld, "The section is still held.");
        }
    }

    [Fact]
    public void MightAlloc_Default_outside_a_writeback_section_does_not_throw()
    {
        MemallocValidator.MightAlloc(AllocFlags.Default);

        using (WritebackState.Enter("left"))
        {
        }

        Assert.False(WritebackState.IsHeld, "The section was left.");
        MemallocValidator.MightAlloc(AllocFlags.Default);
    }

    [Fact]
    public void Disabled_validator_tracks_nothing_and_reports_nothing()
    {
        MemallocValidator.Disable();

        using (WritebackState.Enter("unchecked"))
        {
            Assert.False(WritebackState.IsHeld, "A section entered while the validator is off is not tracked.");
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }

        Assert.False(WritebackState.IsHeld, "Nothing is left behind.");
    }

    [Fact]
    public void Section_entered_while_on_is_unwound_after_the_validator_is_turned_off()
    {
        var section = WritebackState.Enter("outlives-validator");
        MemallocValidator.Disable();

        MemallocValidator.MightAlloc(AllocFlags.Default);
        Assert.True(WritebackState.IsHeld, "The section entered while on is still held.");
        section.Dispose();

        Assert.False(WritebackState.IsHeld, "Dispose leaves the section even with the validator off.");
    }

    [Fact]
    public void Entering_a_section_without_a_name_throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() =>
        {
            using WritebackSection section = WritebackState.Enter(null!);
        });

        Assert.Equal("section", error.ParamName);
        Assert.False(WritebackState.IsHeld, "Nothing was entered.");
    }

    [Fact]
    public void Sections_disposed_out_of_order_throw()
    {
        var outer = WritebackState.Enter("outer-section");
        var inner = WritebackState.Enter("inner-section");

        InvalidOperationException? error = null;
        try
        {
            outer.Dispose();
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Contains("'outer-section'", error.Message);
        Assert.Contains("'inner-section'", error.Message);

        // The out-of-order dispose left both sections in place: unwinding in order still works.
        Assert.True(WritebackState.IsHeld, "Both sections are still held.");
        inner.Dispose();
        Assert.True(WritebackState.IsHeld, "The outer section is still held.");
        outer.Dispose();
        Assert.False(WritebackState.IsHeld, "Both sections are left.");
    }

    [Fact]
    public void Disposing_a_section_twice_does_nothing()
    {
        using (WritebackState.Enter("kept"))
        {
            var section = WritebackState.Enter("twice");
            section.Dispose();
            section.Dispose();

            var error = Assert.Throws<AllocationScopeViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.Default));
            Assert.Equal("kept", error.WritebackSection);
        }

        Assert.False(WritebackState.IsHeld, "Both sections are left.");
    }

    [Fact]
    public void Disposing_a_section_twice_does_not_end_a_section_entered_after_it()
    {
        var first = WritebackState.Enter("first");
        first.Dispose();
        var second = WritebackState.Enter("second");

        first.Dispose();

        Assert.True(WritebackState.IsHeld, "The second section is still entered.");
        var error = Assert.Throws<AllocationScopeViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.Default));
        Assert.Equal("second", error.WritebackSection);
        second.Dispose();
        Assert.False(WritebackState.IsHeld, "The second section is left.");
    }

    [Fact]
    public void Lock_taken_inside_fs_reclaim_and_held_while_allocating_with_Fs_is_an_inversion()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name);
        var shrinker = TakingLock(a, AllocFlags.Fs);
        ShrinkerRegistry registry = RegistryWith(shrinker);

        // Reclaim with Fs holds fs_reclaim while the shrinker takes A: fs_reclaim -> A.
        ReclaimResult result = DirectReclaim.Run(registry, AllocFlags.Default, target: 1);
        Assert.Equal(1, result.Freed);

        LockOrderViolationException error;
        using (a.Acquire(_timeout.Token))
        {
            // Allocating with Fs while holding A: A -> fs_reclaim closes the cycle.
            error = Assert.Throws<LockOrderViolationException>(() => MemallocValidator.MightAlloc(AllocFlags.Default));
            Assert.True(a.IsHeldByCurrentThread, "The report does not release A.");
        }

        Assert.Equal(new[] { name, MemallocValidator.FsReclaim, name }, error.Cycle);
        Assert.Contains(name, error.Message);
        Assert.Contains(MemallocValidator.FsReclaim, error.Message);
    }

    [Fact]
    public void Lock_held_while_allocating_with_Fs_and_then_taken_inside_fs_reclaim_is_an_inversion()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name);
        var shrinker = TakingLock(a, AllocFlags.Fs);
        ShrinkerRegistry registry = RegistryWith(shrinker);

        // A -> fs_reclaim first.
        using (a.Acquire(_timeout.Token))
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }

        // Then the shrinker takes A under fs_reclaim.
        var error = Assert.Throws<LockOrderViolationException>(() => DirectReclaim.Run(registry, AllocFlags.Default, target: 1));

        Assert.Equal(new[] { MemallocValidator.FsReclaim, name, MemallocValidator.FsReclaim }, error.Cycle);
        Assert.False(a.IsHeldByCurrentThread, "The shrinker never got A.");
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);

        // Reclaim's fs_reclaim pseudo-lock was dropped on the way out: A can be taken and released cleanly.
        using (a.Acquire(_timeout.Token))
        {
        }
    }

    [Fact]
    public void Same_inversion_with_a_reclaim_unsafe_lock_is_not_reported()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name, reclaimUnsafe: true);
        var shrinker = TakingLock(a, AllocFlags.Fs);
        ShrinkerRegistry registry = RegistryWith(shrinker);
        ReclaimResult result = DirectReclaim.Run(registry, AllocFlags.Default, target: 1);
        Assert.Equal(1, result.Freed);

        using (a.Acquire(_timeout.Token))
        {
            // Holding A implies NoFs, so this allocation cannot enter fs reclaim: no A -> fs_reclaim.
            Assert.Equal(AllocFlags.NoFs, MemallocContext.Effective(AllocFlags.Default));
            MemallocValidator.MightAlloc(AllocFlags.Default);

            // Reclaim from under A skips the filesystem shrinker instead of taking A again.
            ReclaimResult underLock = DirectReclaim.Run(registry, AllocFlags.Default, target: 1);
            Assert.Equal(1, underLock.ShrinkersSkipped);
        }

        Assert.Single(shrinker.ScanCalls);
    }

    [Fact]
    public void Lock_held_under_NoFsScope_while_allocating_is_not_an_inversion()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name);
        var shrinker = TakingLock(a, AllocFlags.Fs);
        DirectReclaim.Run(RegistryWith(shrinker), AllocFlags.Default, target: 1);
        Assert.Single(shrinker.ScanCalls);

        using (a.Acquire(_timeout.Token))
        using (Memalloc.NoFsScope.Enter())
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }

        using (a.Acquire(_timeout.Token))
        {
            MemallocValidator.MightAlloc(AllocFlags.NoFs);
        }
    }

    [Fact]
    public void Reclaim_without_Fs_records_no_order_against_fs_reclaim()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name);
        var shrinker = TakingLock(a, AllocFlags.None);

        // The shrinker runs under NoFs: reclaim does not hold fs_reclaim, so no fs_reclaim -> A.
        using (Memalloc.NoFsScope.Enter())
        {
            ReclaimResult result = DirectReclaim.Run(RegistryWith(shrinker), AllocFlags.Default, target: 1);
            Assert.Equal(1, result.ShrinkersRun);
        }

        using (a.Acquire(_timeout.Token))
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }
    }

    [Fact]
    public void Plain_lock_inversion_is_reported()
    {
        string nameA = Unique("A");
        string nameB = Unique("B");
        var a = new ReclaimAwareLock(nameA);
        var b = new ReclaimAwareLock(nameB);

        using (a.Acquire(_timeout.Token))
        using (b.Acquire(_timeout.Token))
        {
        }

        LockOrderViolationException error;
        using (b.Acquire(_timeout.Token))
        {
            error = Assert.Throws<LockOrderViolationException>(() =>
            {
                using ReclaimAwareLock.Holder holder = a.Acquire(_timeout.Token);
            });
            Assert.False(a.IsHeldByCurrentThread, "The reported Acquire does not take A.");
            Assert.Equal(0, a.WaitingThreads);
        }

        Assert.Equal(new[] { nameB, nameA, nameB }, error.Cycle);
        Assert.Contains($"'{nameA}'", error.Message);
        Assert.Contains($"'{nameB}'", error.Message);
    }

    [Fact]
    public void Inversion_through_a_third_lock_reports_the_whole_cycle()
    {
        string nameA = Unique("A");
        string nameB = Unique("B");
        string nameC = Unique("C");
        var a = new ReclaimAwareLock(nameA);
        var b = new ReclaimAwareLock(nameB);
        var c = new ReclaimAwareLock(nameC);

        using (a.Acquire(_timeout.Token))
        using (b.Acquire(_timeout.Token))
        {
        }

        using (b.Acquire(_timeout.Token))
        using (c.Acquire(_timeout.Token))
        {
        }

        LockOrderViolationException error;
        using (c.Acquire(_timeout.Token))
        {
            error = Assert.Throws<LockOrderViolationException>(() =>
            {
                using ReclaimAwareLock.Holder holder = a.Acquire(_timeout.Token);
            });
        }

        Assert.Equal(new[] { nameC, nameA, nameB, nameC }, error.Cycle);
    }

    [Fact]
    public void Consistent_lock_order_is_not_reported()
    {
        var a = new ReclaimAwareLock(Unique("A"));
        var b = new ReclaimAwareLock(Unique("B"));

        for (int i = 0; i < 3; i++)
        {
            using (a.Acquire(_timeout.Token))
            using (b.Acquire(_timeout.Token))
            {
                Assert.True(b.IsHeldByCurrentThread, "B is taken under A.");
            }
        }
    }

    [Fact]
    public void ResetLockOrder_forgets_recorded_orders()
    {
        var a = new ReclaimAwareLock(Unique("A"));
        var b = new ReclaimAwareLock(Unique("B"));
        using (a.Acquire(_timeout.Token))
        using (b.Acquire(_timeout.Token))
        {
        }

        MemallocValidator.ResetLockOrder();

        using (b.Acquire(_timeout.Token))
        using (a.Acquire(_timeout.Token))
        {
            Assert.True(a.IsHeldByCurrentThread, "After a reset the reverse order is a new, first order.");
        }
    }

    [Fact]
    public void Recursive_Acquire_throws_instead_of_deadlocking()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name, reclaimUnsafe: true);

        LockOrderViolationException error;
        using (a.Acquire(_timeout.Token))
        {
            // Without the validator this waits on itself; the token bounds that to a failure.
            error = Assert.Throws<LockOrderViolationException>(() =>
            {
                using ReclaimAwareLock.Holder again = a.Acquire(_timeout.Token);
            });

            Assert.True(a.IsHeldByCurrentThread, "The first acquisition still holds the lock.");
            Assert.Equal(0, a.WaitingThreads);
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(new[] { name, name }, error.Cycle);
        Assert.Contains($"'{name}'", error.Message);
        Assert.False(a.IsHeldByCurrentThread, "The lock is released once.");
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Shrinker_try_lock_of_a_lock_the_allocating_thread_holds_returns_Stop()
    {
        var a = new ReclaimAwareLock(Unique("A"));
        var shrinker = new TestShrinker("tries-A", AllocFlags.None, 1)
        {
            OnScan = control =>
            {
                if (!a.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder holder))
                {
                    return ShrinkControl.Stop;
                }

                using (holder)
                {
                    return 1;
                }
            },
        };

        ReclaimResult result;
        using (a.Acquire(_timeout.Token))
        using (Memalloc.NoFsScope.Enter())
        {
            result = DirectReclaim.Run(RegistryWith(shrinker), AllocFlags.Default, target: 1);
        }

        Assert.Equal(0, result.Freed);
        Assert.Equal(1, result.ShrinkersRun);
    }

    [Fact]
    public void Shrinker_that_only_try_locks_records_no_order_against_fs_reclaim()
    {
        var a = new ReclaimAwareLock(Unique("A"));
        var shrinker = new TestShrinker("tries-A", AllocFlags.Fs, 1)
        {
            OnScan = control =>
            {
                if (!a.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder holder))
                {
                    return ShrinkControl.Stop;
                }

                using (holder)
                {
                    return 1;
                }
            },
        };
        DirectReclaim.Run(RegistryWith(shrinker), AllocFlags.Default, target: 1);
        Assert.Single(shrinker.ScanCalls);

        using (a.Acquire(_timeout.Token))
        {
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }
    }

    [Fact]
    public void Recursive_TryAcquire_with_a_timeout_throws_instead_of_waiting()
    {
        string name = Unique("A");
        var a = new ReclaimAwareLock(name);

        using (a.Acquire(_timeout.Token))
        {
            var error = Assert.Throws<LockOrderViolationException>(() => a.TryAcquire(Bounded, out _));
            Assert.Equal(new[] { name, name }, error.Cycle);
            Assert.True(a.IsHeldByCurrentThread, "The first acquisition still holds the lock.");
        }
    }

    [Fact]
    public void Locks_of_one_class_nested_are_not_reported()
    {
        string name = Unique("inode");
        var first = new ReclaimAwareLock(name);
        var second = new ReclaimAwareLock(name);

        using (first.Acquire(_timeout.Token))
        using (second.Acquire(_timeout.Token))
        {
            Assert.True(second.IsHeldByCurrentThread, "A second lock of the same class can be nested.");
        }

        using (second.Acquire(_timeout.Token))
        using (first.Acquire(_timeout.Token))
        {
            Assert.True(first.IsHeldByCurrentThread, "Nesting them the other way is not an inversion.");
        }
    }

    [Fact]
    public void PagePool_Rent_inside_a_writeback_section_throws_before_doing_anything()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.Zero };
        var shrinker = new TestShrinker("untouched");
        pool.Shrinkers.Register(shrinker);

        AllocationScopeViolationException error;
        using (WritebackState.Enter("Rent in writeback"))
        {
            error = Assert.Throws<AllocationScopeViolationException>(() => pool.Rent(AllocFlags.Default));
            Assert.Equal(1, pool.FreeCount);

            // The same request with NoFs is fine and gets the page.
            Page page = pool.Rent(AllocFlags.NoFs);
            Assert.Equal(0, pool.FreeCount);
            pool.Return(page);
        }

        Assert.Equal("Rent in writeback", error.WritebackSection);
        Assert.Equal(AllocFlags.Default, error.RequestedFlags);
        Assert.Empty(shrinker.CountCalls);
        Assert.Equal(0, pool.Shrinkers.Statistics.Runs);
        Assert.Equal(0, pool.Shrinkers.Statistics.Refused);
    }

    [Fact]
    public void PagePool_TryRent_inside_a_writeback_section_throws_too()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.Zero };

        using (WritebackState.Enter("TryRent in writeback"))
        {
            Assert.Throws<AllocationScopeViolationException>(() => pool.TryRent(AllocFlags.Default, out _));
        }

        Assert.Equal(1, pool.FreeCount);
    }

    /// <summary>A shrinker that frees one object while holding <paramref name="taken"/>.</summary>
    private TestShrinker TakingLock(ReclaimAwareLock taken, AllocFlags requiredFlags) => new("takes-A", requiredFlags, 1)
    {
        OnScan = control =>
        {
            using (taken.Acquire(_timeout.Token))
            {
                return 1;
            }
        },
    };
}
