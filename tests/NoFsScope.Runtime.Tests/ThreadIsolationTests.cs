using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

public sealed class ThreadIsolationTests
{
    [Fact]
    public void Scope_on_one_thread_is_invisible_on_another()
    {
        using var entered = new ManualResetEventSlim();
        using var observed = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            using (Memalloc.NoFsScope.Enter())
            {
                entered.Set();
                observed.Wait();
            }
        });
        other.Start();
        entered.Wait();

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(AllocFlags.Default, MemallocContext.Effective(AllocFlags.Default));

        observed.Set();
        other.Join();
    }

    [Fact]
    public async Task Thread_pool_reuse_leaves_no_residue()
    {
        // Every work item enters and disposes scopes; with 2 x ProcessorCount workers doing it many
        // times, pool threads are reused, and each item must start from a clean context.
        var dirty = 0;
        var items = new Task[200];
        for (int i = 0; i < items.Length; i++)
        {
            int n = i;
            items[i] = Task.Run(() =>
            {
                if (MemallocContext.Current != MemallocFlags.None || Memalloc.ThreadState.CurrentDepth != 0)
                {
                    Interlocked.Increment(ref dirty);
                }

                using var outer = MemallocScope.Enter(n % 2 == 0 ? MemallocFlags.NoFs : MemallocFlags.None);
                using var inner = NoIoScope.Enter();
                Thread.SpinWait(100);
            });
        }

        await Task.WhenAll(items);
        Assert.Equal(0, dirty);
    }

    [Fact]
    public async Task Scope_that_threw_out_of_order_leaves_a_pool_thread_clean_once_unwound()
    {
        await Task.Run(() =>
        {
            var outer = Memalloc.NoFsScope.Enter();
            var inner = NoIoScope.Enter();
            try
            {
                outer.Dispose();
                Assert.Fail("Disposing the outer scope first must throw.");
            }
            catch (System.InvalidOperationException)
            {
            }

            inner.Dispose();
            Assert.Equal(MemallocFlags.None, MemallocContext.Current);
            Assert.Equal(0, Memalloc.ThreadState.CurrentDepth);
        });
    }
}
