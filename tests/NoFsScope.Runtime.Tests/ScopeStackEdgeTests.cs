using System;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

/// <summary>
/// Edge cases of the per-thread scope stack: scopes entered after an out-of-order dispose, repeated
/// and stale disposes while holes remain, bits handed on more than once, and raw Save/Restore mixed
/// with scopes.
/// </summary>
public sealed class ScopeStackEdgeTests : IDisposable
{
    public ScopeStackEdgeTests() => Assert.Equal(MemallocFlags.None, MemallocContext.Current);

    public void Dispose()
    {
        Assert.Equal(0, ThreadState.CurrentDepth);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    private static void DisposeOutOfOrder(Memalloc.NoFsScope scope) => AssertOutOfOrder(CatchDispose(scope));

    private static void DisposeOutOfOrder(NoIoScope scope) => AssertOutOfOrder(CatchDispose(scope));

    private static void DisposeOutOfOrder(MemallocScope scope) => AssertOutOfOrder(CatchDispose(scope));

    private static void AssertOutOfOrder(InvalidOperationException? error)
    {
        Assert.NotNull(error);
        Assert.Contains("reverse order", error.Message);
    }

    private static InvalidOperationException? CatchDispose(Memalloc.NoFsScope scope)
    {
        try
        {
            scope.Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    private static InvalidOperationException? CatchDispose(NoIoScope scope)
    {
        try
        {
            scope.Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    private static InvalidOperationException? CatchDispose(MemallocScope scope)
    {
        try
        {
            scope.Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [Fact]
    public void Scope_entered_after_an_out_of_order_dispose_composes_and_unwinds()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = NoIoScope.Enter();
        try
        {
            a.Dispose();
            Assert.Fail("Disposing the outer scope first must throw.");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        using (NoReclaimScope.Enter())
        {
            Assert.Equal(3, ThreadState.CurrentDepth);
            Assert.Equal(MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
            using (Memalloc.NoFsScope.Enter())
            {
                Assert.Equal(4, ThreadState.CurrentDepth);
                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
        }

        Assert.Equal(2, ThreadState.CurrentDepth);
        Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        b.Dispose();
        Assert.Equal(0, ThreadState.CurrentDepth);

        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Stale_and_default_disposes_are_no_ops_while_holes_remain()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = NoIoScope.Enter();
        var c = NoReclaimScope.Enter();
        DisposeOutOfOrder(b);

        var d = MemallocScope.Enter(MemallocFlags.NoIo);
        d.Dispose();

        // b is a hole, d is gone, default is nobody: all no-ops.
        b.Dispose();
        d.Dispose();
        default(Memalloc.NoFsScope).Dispose();
        default(MemallocScope).Dispose();
        Assert.Equal(3, ThreadState.CurrentDepth);
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);

        c.Dispose();
        c.Dispose();
        Assert.Equal(1, ThreadState.CurrentDepth);
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        a.Dispose();
    }

    [Fact]
    public void Out_of_order_dispose_above_a_hole_names_the_innermost_scope()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = NoIoScope.Enter();
        DisposeOutOfOrder(a);

        var c = NoReclaimScope.Enter();
        InvalidOperationException? error = null;
        try
        {
            b.Dispose();
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Contains("'NoIo'", error.Message);
        Assert.Contains("'NoReclaim'", error.Message);
        Assert.Equal(MemallocFlags.NoReclaim, MemallocContext.Current);
        Assert.Equal(3, ThreadState.CurrentDepth);

        c.Dispose();
    }

    [Fact]
    public void Handed_over_bits_are_handed_on_again_by_a_second_out_of_order_dispose()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoIo);
        var c = Memalloc.NoFsScope.Enter();

        DisposeOutOfOrder(a);
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo, MemallocContext.Current);

        // b now holds NoFs (from a) and NoIo (its own): NoFs goes on to c, NoIo is cleared.
        DisposeOutOfOrder(b);
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        Assert.Equal(3, ThreadState.CurrentDepth);

        c.Dispose();
    }

    [Fact]
    public void Handed_over_bits_do_not_outlive_the_scope_that_received_them()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = Memalloc.NoFsScope.Enter();
        DisposeOutOfOrder(a);
        b.Dispose();

        // A new scope at b's depth must not inherit what was handed to b.
        using (MemallocScope.Enter(MemallocFlags.NoIo))
        {
            using (NoIoScope.Enter())
            {
            }

            using (MemallocScope.Enter(MemallocFlags.NoReclaim))
            {
                Assert.Equal(MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        }
    }

    [Fact]
    public void Out_of_order_dispose_deep_in_a_stack_beyond_the_initial_capacity()
    {
        const int depth = 100;
        var scopes = new ScopeHolder[depth];
        for (int i = 0; i < depth; i++)
        {
            scopes[i] = new ScopeHolder(i % 3 == 0 ? MemallocFlags.NoFs : i % 3 == 1 ? MemallocFlags.NoIo : MemallocFlags.NoReclaim);
        }

        Assert.Equal(depth, ThreadState.CurrentDepth);
        AssertOutOfOrder(Assert.Throws<InvalidOperationException>(() => scopes[0].Dispose()));
        AssertOutOfOrder(Assert.Throws<InvalidOperationException>(() => scopes[50].Dispose()));
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
        Assert.Equal(depth, ThreadState.CurrentDepth);

        for (int i = depth - 1; i > 50; i--)
        {
            scopes[i].Dispose();
        }

        Assert.Equal(50, ThreadState.CurrentDepth);

        // Scopes 1 and 2 (NoIo, NoReclaim) own their bits; scope 0's NoFs went to scope 3.
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
        for (int i = 49; i >= 3; i--)
        {
            scopes[i].Dispose();
        }

        Assert.Equal(MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
        scopes[2].Dispose();
        scopes[1].Dispose();
    }

    [Fact]
    public void Copy_of_a_scope_disposes_it_once()
    {
        var scope = Memalloc.NoFsScope.Enter();
        var copy = scope;
        copy.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        scope.Dispose();
        Assert.Equal(0, ThreadState.CurrentDepth);
    }

    [Fact]
    public void Raw_save_inside_a_scope_survives_the_scope()
    {
        var scope = Memalloc.NoFsScope.Enter();
        MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs | MemallocFlags.NoIo);
        Assert.Equal(MemallocFlags.NoIo, saved);
        scope.Dispose();
        Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        MemallocContext.Restore(saved);
    }

    [Fact]
    public void Scope_inside_a_raw_save_owns_nothing_the_save_set()
    {
        MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
        using (MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim))
        {
            Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        Assert.Equal(0, ThreadState.CurrentDepth);
        MemallocContext.Restore(saved);
    }

    [Fact]
    public void Many_sequential_scopes_leave_the_thread_clean()
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            using (NoIoScope.Enter())
            using (Memalloc.NoFsScope.Enter())
            {
            }
        }

        Assert.Equal(0, ThreadState.CurrentDepth);
    }

    [Fact]
    public void Depth_limit_holds_after_an_out_of_order_dispose()
    {
        Exception? failure = null;
        var thread = new System.Threading.Thread(() =>
        {
            try
            {
                var a = Memalloc.NoFsScope.Enter();
                var b = NoIoScope.Enter();
                DisposeOutOfOrder(a);
                var error = Assert.Throws<InvalidOperationException>(() =>
                {
                    for (int i = 0; i <= ThreadState.MaxDepth; i++)
                    {
                        Memalloc.NoFsScope.Enter();
                    }
                });
                Assert.Contains("using", error.Message);
                Assert.Equal(ThreadState.MaxDepth, ThreadState.CurrentDepth);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    /// <summary>Holds a scope's token on the heap so tests can keep many and dispose them in any order.</summary>
    private sealed class ScopeHolder
    {
        private readonly ScopeToken _token;

        internal ScopeHolder(MemallocFlags flags) => _token = ThreadState.Enter(flags);

        internal void Dispose() => _token.Exit();
    }
}
