using System;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

public sealed class MisuseTests
{
    [Fact]
    public void Out_of_order_dispose_throws_naming_both_scopes_flags()
    {
        var outer = Memalloc.NoFsScope.Enter();
        var inner = NoIoScope.Enter();

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

        Assert.Contains("'NoFs'", error.Message);
        Assert.Contains("'NoIo'", error.Message);
        Assert.Contains("reverse order", error.Message);
        inner.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, ThreadState.CurrentDepth);
    }

    [Fact]
    public void Out_of_order_dispose_hands_a_shared_bit_to_the_inner_scope_that_asked_for_it()
    {
        var outer = Memalloc.NoFsScope.Enter();
        var inner = MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim);

        try
        {
            outer.Dispose();
            Assert.Fail("Disposing the outer scope first must throw.");
        }
        catch (InvalidOperationException)
        {
        }

        // The inner scope still stands, and still asked for NoFs: the region it covers stays NoFs.
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
        inner.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        outer.Dispose();
        Assert.Equal(0, ThreadState.CurrentDepth);
    }

    [Fact]
    public void Out_of_order_dispose_clears_a_bit_no_remaining_scope_asked_for()
    {
        var outer = Memalloc.NoFsScope.Enter();
        var inner = NoReclaimScope.Enter();

        try
        {
            outer.Dispose();
            Assert.Fail("Disposing the outer scope first must throw.");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(MemallocFlags.NoReclaim, MemallocContext.Current);
        inner.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Middle_scope_disposed_out_of_order_unwinds_with_the_scope_above_it()
    {
        var a = Memalloc.NoFsScope.Enter();
        var b = NoIoScope.Enter();
        var c = NoReclaimScope.Enter();

        try
        {
            b.Dispose();
            Assert.Fail("Disposing the outer scope first must throw.");
        }
        catch (InvalidOperationException)
        {
        }
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
        Assert.Equal(3, ThreadState.CurrentDepth);

        c.Dispose();
        Assert.Equal(1, ThreadState.CurrentDepth);
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        a.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, ThreadState.CurrentDepth);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(-1)]
    public void Undefined_flags_are_rejected_with_the_parameter_named(int raw)
    {
        var flags = (MemallocFlags)raw;
        var enter = Assert.Throws<ArgumentOutOfRangeException>(() => { using var s = MemallocScope.Enter(flags); });
        Assert.Equal("flags", enter.ParamName);
        Assert.Contains("MemallocFlags.NoFs", enter.Message);

        var save = Assert.Throws<ArgumentOutOfRangeException>(() => MemallocContext.Save(flags));
        Assert.Equal("flags", save.ParamName);
        var restore = Assert.Throws<ArgumentOutOfRangeException>(() => MemallocContext.Restore(flags));
        Assert.Equal("saved", restore.ParamName);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Scopes_entered_and_never_disposed_hit_a_clear_limit_instead_of_growing_forever()
    {
        var thread = new System.Threading.Thread(() =>
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
            {
                for (int i = 0; i <= ThreadState.MaxDepth; i++)
                {
                    Memalloc.NoFsScope.Enter();
                }
            });
            Assert.Contains("using", error.Message);
        });
        thread.Start();
        thread.Join();
    }
}
