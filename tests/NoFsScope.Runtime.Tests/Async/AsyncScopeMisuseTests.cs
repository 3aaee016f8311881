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
    public async Task Dispose_on_a_flow_that_did_not_enter_throws_and_leaves_the_entering_flow_alone()
    {
        var scope = AsyncNoFsScope.Enter();
        try
        {
            Exception? error = null;
            var thread = new Thread(() => error = Record.Exception(() => scope.Dispose()));
            using (ExecutionContext.SuppressFlow())
            {
                thread.Start();
            }

            thread.Join();

            Assert.IsType<InvalidOperationException>(error);
            Assert.Contains("did not enter it", error!.Message);
            await Task.Yield();
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }
        finally
        {
            // The misuse marked it disposed; the flow still holds it, so disposing here reports that too.
            Assert.Throws<InvalidOperationException>(() => scope.Dispose());
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public async Task A_task_that_disposes_an_inherited_scope_is_told_only_the_entering_flow_may()
    {
        var scope = AsyncNoFsScope.Enter();
        Task child = Task.Run(() => scope.Dispose());

        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        await child.WaitAsync(TimeSpan.FromSeconds(10));
        var error = Assert.Throws<InvalidOperationException>(() => scope.Dispose());

        Assert.Contains("another flow that inherited it", error.Message);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Undefined_flags_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AsyncMemallocScope.Enter((MemallocFlags)8));
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }
}
