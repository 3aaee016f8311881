using System;
using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Async;

/// <summary>Every misuse of an async scope throws, says what went wrong and how to fix it, and leaves the flow's flags right.</summary>
public sealed class AsyncScopeMisuseTests
{
    [Fact]
    public void Out_of_order_dispose_throws_naming_both_scopes_and_keeps_the_inner_flags()
    {
        var outer = AsyncNoFsScope.Enter();
        var inner = AsyncNoIoScope.Enter();

        var error = Assert.Throws<InvalidOperationException>(() => outer.Dispose());

        Assert.Contains("AsyncNoFsScope ('NoFs')", error.Message);
        Assert.Contains("AsyncNoIoScope ('NoIo')", error.Message);
        Assert.Contains("reverse order", error.Message);
        Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        inner.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, FlowState.CurrentDepth);
    }

    [Fact]
    public void Out_of_order_dispose_keeps_a_bit_an_inner_scope_also_asked_for()
    {
        var outer = AsyncNoFsScope.Enter();
        var inner = AsyncMemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim);

        Assert.Throws<InvalidOperationException>(() => outer.Dispose());

        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
        inner.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Double_dispose_throws()
    {
        var scope = AsyncNoFsScope.Enter();
        scope.Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => scope.Dispose());

        Assert.Contains("disposed twice", error.Message);
        Assert.Contains("exactly once", error.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Dispose_of_a_copy_after_the_original_throws()
    {
        var scope = AsyncNoIoScope.Enter();
        AsyncNoIoScope copy = scope;
        scope.Dispose();

        Assert.Contains("disposed twice", Assert.Throws<InvalidOperationException>(() => copy.Dispose()).Message);
    }

    [Theory]
    [InlineData(nameof(AsyncNoFsScope))]
    [InlineData(nameof(AsyncNoIoScope))]
    [InlineData(nameof(AsyncMemallocScope))]
    public void Default_dispose_throws_naming_the_type_and_Enter(string type)
    {
        Action dispose = type switch
        {
            nameof(AsyncNoFsScope) => () => default(AsyncNoFsScope).Dispose(),
            nameof(AsyncNoIoScope) => () => default(AsyncNoIoScope).Dispose(),
            _ => () => default(AsyncMemallocScope).Dispose(),
        };

        var error = Assert.Throws<InvalidOperationException>(dispose);

        Assert.Contains($"default {type}", error.Message);
        Assert.Contains($"{type}.Enter()", error.Message);
    }

    [Fact]
    public async Task Dispose_on_a_flow_that_did_not_enter_throws_and_leaves_the_scope_to_the_entering_flow()
    {
        var scope = AsyncNoFsScope.Enter();

        Exception? error = DisposeOnAForeignThread(scope);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("did not enter it", error!.Message);
        await Task.Yield();
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        scope.Dispose();                                   // the owner's dispose is still the first, and succeeds
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, FlowState.CurrentDepth);
    }

    [Fact]
    public void A_foreign_dispose_does_not_mask_an_exception_in_flight_in_the_owners_using()
    {
        var error = Assert.Throws<TimeoutException>(Writeback);

        Assert.Equal("the writeback's own failure", error.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);

        static void Writeback()
        {
            using var scope = AsyncNoFsScope.Enter();
            Assert.IsType<InvalidOperationException>(DisposeOnAForeignThread(scope));
            throw new TimeoutException("the writeback's own failure");
        }
    }

    [Fact]
    public void A_foreign_dispose_repeated_is_still_reported_as_on_a_flow_that_did_not_enter_it()
    {
        var scope = AsyncNoIoScope.Enter();

        Assert.Contains("did not enter it", DisposeOnAForeignThread(scope)!.Message);
        Assert.Contains("did not enter it", DisposeOnAForeignThread(scope)!.Message);

        scope.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void A_foreign_dispose_after_the_owner_disposed_is_reported_as_disposed_twice()
    {
        var scope = AsyncNoFsScope.Enter();
        scope.Dispose();

        Exception? error = DisposeOnAForeignThread(scope);

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("disposed twice", error!.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public async Task A_task_that_disposes_an_inherited_scope_is_not_stopped_and_the_entering_flow_is_told_on_dispose()
    {
        var scope = AsyncNoFsScope.Enter();
        Task child = Task.Run(() => scope.Dispose());

        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        await child.WaitAsync(TimeSpan.FromSeconds(10));  // the child's dispose does not throw: it holds the scope too
        Assert.True(child.IsCompletedSuccessfully);
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        var error = Assert.Throws<InvalidOperationException>(() => scope.Dispose());

        Assert.Contains("already disposed on another flow that shares it", error.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, FlowState.CurrentDepth);
    }

    [Fact]
    public async Task A_task_that_disposes_an_inherited_scope_after_the_entering_flow_did_is_told_it_was_already_disposed()
    {
        var scope = AsyncNoFsScope.Enter();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task child = Task.Run(async () =>
        {
            await release.Task;
            scope.Dispose();
        });
        scope.Dispose();
        release.SetResult();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("already disposed on another flow that shares it", error.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    /// <summary>Disposes <paramref name="scope"/> on a new thread that does not carry this flow.</summary>
    private static Exception? DisposeOnAForeignThread<TScope>(TScope scope)
        where TScope : IDisposable
    {
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(scope.Dispose));
        using (ExecutionContext.SuppressFlow())
        {
            thread.Start();
        }

        thread.Join();
        return error;
    }

    [Fact]
    public void Undefined_flags_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AsyncMemallocScope.Enter((MemallocFlags)8));
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }
}
