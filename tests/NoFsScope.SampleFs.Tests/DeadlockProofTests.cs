using System;
using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using SampleFs;
using Xunit;

namespace NoFsScope.SampleFs.Tests;

/// <summary>
/// The deadlock the analyzers prevent is real: WritePages without its NoFsScope, with the pool dry,
/// reclaims into the page-cache shrinker, which waits for the inode's writeback lock that the same
/// thread holds. The validator reports it before it happens; with the scope, the same load completes.
/// Every wait here has a deadline.
/// </summary>
public sealed class DeadlockProofTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public DeadlockProofTests()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
    }

    public void Dispose()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
    }

    [Fact]
    public async Task Validator_reports_the_unscoped_allocation_in_writeback_before_anything_blocks()
    {
        using var engine = TestEngine.Create(new UnscopedOperations());
        engine.FillPoolWithDirtyPages();
        MemallocValidator.Enable();

        (_, Task sync) = TestEngine.StartThread(engine.Fs.Sync);
        Task finished = await Task.WhenAny(sync, Task.Delay(Deadline));

        Assert.True(finished == sync, $"Sync did not finish within {Deadline}: the validator should have thrown before any wait");
        AllocationScopeViolationException violation = await Assert.ThrowsAsync<AllocationScopeViolationException>(() => sync);
        Assert.Equal("WritePages(inode 0)", violation.WritebackSection);
        Assert.Equal(AllocFlags.Default, violation.RequestedFlags);
        Assert.True((violation.EffectiveFlags & AllocFlags.Fs) != 0, violation.Message);
        Assert.Contains("UnscopedOperations.WritePages", violation.WritebackStackTrace, StringComparison.Ordinal);
        Assert.Contains("WriteDirtyPages", violation.AllocationStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_validator_the_unscoped_writeback_deadlocks_on_itself()
    {
        using var engine = TestEngine.Create(new UnscopedOperations());
        engine.FillPoolWithDirtyPages();
        Inode inode = engine.Fs.Inodes.Get(0);
        engine.Fs.Inodes.Release(inode);

        (Thread thread, Task sync) = TestEngine.StartThread(engine.Fs.Sync);

        // Watchdog: writing 16 pages takes milliseconds; give it seconds, then look at the lock.
        Task finished = await Task.WhenAny(sync, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.True(finished != sync, "Sync completed: the deadlock was not reached (" + (sync.Exception?.InnerException?.Message ?? "no exception") + ")");
        Assert.Equal(thread.ManagedThreadId, inode.WritebackLock.OwnerManagedThreadId);
        Assert.Equal(1, inode.WritebackLock.WaitingThreads);
        Assert.Equal(ThreadState.WaitSleepJoin, thread.ThreadState & ThreadState.WaitSleepJoin);

        // The writeback thread holds the inode's writeback lock and waits for it inside reclaim:
        // nothing else can release it. Shutting the engine down cancels the wait.
        engine.Fs.Dispose();
        finished = await Task.WhenAny(sync, Task.Delay(Deadline));
        Assert.True(finished == sync, "the deadlocked thread did not observe the shutdown");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_the_scope_the_same_load_completes_and_loses_nothing(bool validator)
    {
        using var engine = TestEngine.Create();
        engine.FillPoolWithDirtyPages();
        if (validator)
        {
            MemallocValidator.Enable();
        }

        (_, Task sync) = TestEngine.StartThread(engine.Fs.Sync);
        Task finished = await Task.WhenAny(sync, Task.Delay(Deadline));

        Assert.True(finished == sync, $"Sync did not finish within {Deadline}");
        await sync;
        Assert.Equal(TestEngine.PoolPages, engine.Fs.Statistics.PagesWritten);
        Assert.True(engine.ReadsBack(0, (long)TestEngine.PoolPages * engine.Fs.Options.PageSize), "data lost or corrupted");
    }

    [Fact]
    public async Task Under_memory_pressure_writers_reclaim_through_writeback_and_the_scope_keeps_it_safe()
    {
        using var engine = TestEngine.Create();
        MemallocValidator.Enable();

        // Four times the pool: writers must reclaim, which writes pages back from inside reclaim.
        long length = 4L * TestEngine.PoolPages * engine.Fs.Options.PageSize;
        (_, Task write) = TestEngine.StartThread(() =>
        {
            var chunk = new byte[1000];
            for (long offset = 0; offset < length; offset += chunk.Length)
            {
                int count = (int)Math.Min(chunk.Length, length - offset);
                global::SampleFs.Program.Fill(chunk, 1, offset);
                engine.Fs.Write(1, offset, chunk.AsSpan(0, count));
            }

            engine.Fs.Sync();
        });
        Task finished = await Task.WhenAny(write, Task.Delay(Deadline));

        Assert.True(finished == write, $"the writes did not finish within {Deadline}");
        await write;
        Assert.True(engine.Fs.Shrinkers.Statistics.Freed > 0, "the load never needed reclaim: " + engine.Fs.Shrinkers.Statistics);
        Assert.True(engine.ReadsBack(1, length), "data lost or corrupted");
    }
}
