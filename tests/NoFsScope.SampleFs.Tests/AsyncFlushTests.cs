using System;
using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.SampleFs.Tests;

/// <summary>
/// FileSystem.FlushAsync writes back through WritePagesAsync on pool threads. With the async scope the
/// NoFs flag comes with the flow, so a dry pool reclaims without writing back into the inode being
/// written (no deadlock, nothing lost); with a Save held across the await it does not.
/// </summary>
public sealed class AsyncFlushTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public AsyncFlushTests()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
    }

    public void Dispose()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlushAsync_with_a_dry_pool_completes_on_pool_threads_and_loses_nothing(bool validator)
    {
        using var engine = TestEngine.Create();
        engine.FillPoolWithDirtyPages();
        if (validator)
        {
            MemallocValidator.Enable();
        }

        int written = await engine.Fs.FlushAsync(engine.Fs.ShutdownToken).WaitAsync(Deadline);

        Assert.Equal(TestEngine.PoolPages, written);
        Assert.Equal(TestEngine.PoolPages, engine.Fs.Statistics.PagesWritten);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.True(engine.ReadsBack(0, (long)TestEngine.PoolPages * engine.Fs.Options.PageSize), "data lost or corrupted");
    }

    [Fact]
    public async Task A_Save_held_across_the_await_leaves_the_pool_thread_unprotected_and_the_saving_thread_marked()
    {
        using var engine = TestEngine.Create(new SaveAcrossAwaitOperations());
        engine.FillPoolWithDirtyPages();
        MemallocValidator.Enable();

        Task<int>? flush = null;
        MemallocFlags leftBehind = MemallocFlags.None;
        (_, Task started) = TestEngine.StartThread(() =>
        {
            flush = engine.Fs.FlushAsync(engine.Fs.ShutdownToken);
            leftBehind = MemallocContext.Current;
        });
        await started.WaitAsync(Deadline);

        AllocationScopeViolationException violation = await Assert.ThrowsAsync<AllocationScopeViolationException>(() => flush!.WaitAsync(Deadline));
        Assert.Equal("WritePagesAsync(inode 0)", violation.WritebackSection);
        Assert.True((violation.EffectiveFlags & AllocFlags.Fs) != 0, violation.Message);
        Assert.Equal(MemallocFlags.NoFs, leftBehind);
    }
}
