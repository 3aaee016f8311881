using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Async;

/// <summary>The async scopes' flags follow the logical flow, and only it.</summary>
public sealed class AsyncScopeFlowTests
{
    [Fact]
    public async Task Flags_flow_across_Task_Yield()
    {
        using (AsyncNoFsScope.Enter())
        {
            for (int i = 0; i < 20; i++)
            {
                await Task.Yield();
                Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            }
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public async Task Flags_flow_across_ConfigureAwait_false_onto_other_threads()
    {
        // xunit's analyzers keep ConfigureAwait(false) out of test methods; the hops happen in the helper.
        (int entered, HashSet<int> seenOn) = await HopAcrossThreadsAsync();

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        seenOn.Remove(entered);
        Assert.NotEmpty(seenOn);
    }

    private static async Task<(int Entered, HashSet<int> SeenOn)> HopAcrossThreadsAsync()
    {
        int entered = Environment.CurrentManagedThreadId;
        var seenOn = new HashSet<int>();
        using (AsyncNoIoScope.Enter())
        {
            for (int i = 0; i < 5; i++)
            {
                (int hopThread, MemallocFlags hopThreadFlags) = await ThreadHop.ToNewThread();
                Assert.Equal(MemallocFlags.None, hopThreadFlags);
                Assert.Equal(hopThread, Environment.CurrentManagedThreadId);
                Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
                Assert.Equal(AllocFlags.DirectReclaim, MemallocContext.Effective(AllocFlags.Default));
                seenOn.Add(Environment.CurrentManagedThreadId);

                await Task.Delay(1).ConfigureAwait(false);
                Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
            }
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        return (entered, seenOn);
    }

    [Fact]
    public async Task Flags_follow_into_awaited_callees_and_vanish_when_the_scoping_method_returns()
    {
        Assert.Equal(MemallocFlags.NoFs, await ScopedAsync(() => CalleeAsync()));
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);

        static async Task<MemallocFlags> CalleeAsync()
        {
            await Task.Yield();
            return MemallocContext.Current;
        }
    }

    [Fact]
    public async Task Flags_do_not_stay_on_the_thread_when_the_flow_leaves_it()
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterStart = MemallocFlags.NoReclaim;
        Task<MemallocFlags>? flow = null;
        var starter = new Thread(() =>
        {
            // The async method enters the scope on this thread, then yields it back at the first await.
            flow = ScopedAsync(async () =>
            {
                await gate.Task.ConfigureAwait(false);
                return MemallocContext.Current;
            });
            afterStart = MemallocContext.Current;
        });
        starter.Start();
        starter.Join();

        Assert.Equal(MemallocFlags.None, afterStart);
        gate.SetResult(true);
        Assert.Equal(MemallocFlags.NoFs, await flow!.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Pool_threads_that_did_not_inherit_the_flow_see_nothing()
    {
        var seen = new TaskCompletionSource<MemallocFlags>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (AsyncNoFsScope.Enter())
        {
            await Task.Yield();
            ThreadPool.UnsafeQueueUserWorkItem(_ => seen.SetResult(MemallocContext.Current), null);
            Assert.Equal(MemallocFlags.None, await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        // The continuation that disposed the scope left nothing behind for later work on its thread.
        var later = new TaskCompletionSource<MemallocFlags>(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.UnsafeQueueUserWorkItem(_ => later.SetResult(MemallocContext.Current), null);
        Assert.Equal(MemallocFlags.None, await later.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Parallel_flows_stay_apart()
    {
        using var bothEntered = new Barrier(2);
        Task<MemallocFlags[]> noFs = Task.Run(() => FlowAsync(() => AsyncNoFsScope.Enter(), bothEntered));
        Task<MemallocFlags[]> noIo = Task.Run(() => FlowAsync(() => AsyncNoIoScope.Enter(), bothEntered));

        MemallocFlags[] first = await noFs.WaitAsync(TimeSpan.FromSeconds(10));
        MemallocFlags[] second = await noIo.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(first, flags => Assert.Equal(MemallocFlags.NoFs, flags));
        Assert.All(second, flags => Assert.Equal(MemallocFlags.NoIo, flags));

        static async Task<MemallocFlags[]> FlowAsync(Func<IDisposable> enter, Barrier barrier)
        {
            var seen = new List<MemallocFlags>();
            using (enter())
            {
                barrier.SignalAndWait(TimeSpan.FromSeconds(10));
                for (int i = 0; i < 10; i++)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    seen.Add(MemallocContext.Current);
                }
            }

            Assert.Equal(MemallocFlags.None, MemallocContext.Current);
            return seen.ToArray();
        }
    }

    [Fact]
    public async Task Task_Run_inside_the_scope_inherits_it_and_a_task_started_before_does_not()
    {
        var open = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<MemallocFlags> before = Task.Run(async () =>
        {
            await open.Task.ConfigureAwait(false);
            return MemallocContext.Current;
        });

        Task<MemallocFlags> inside;
        using (AsyncMemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim))
        {
            inside = Task.Run(async () =>
            {
                await open.Task.ConfigureAwait(false);
                return MemallocContext.Current;
            });
        }

        open.SetResult(true);
        Assert.Equal(MemallocFlags.None, await before.WaitAsync(TimeSpan.FromSeconds(10)));

        // The task keeps the flow it started with, even after the scope that spawned it is disposed.
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, await inside.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<T> ScopedAsync<T>(Func<Task<T>> body)
    {
        using var scope = AsyncNoFsScope.Enter();
        return await body();
    }
}
