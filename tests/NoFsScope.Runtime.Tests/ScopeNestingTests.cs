using System;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

public sealed class ScopeNestingTests : IDisposable
{
    public ScopeNestingTests() => Assert.Equal(MemallocFlags.None, MemallocContext.Current);

    public void Dispose() => Assert.Equal(0, ThreadState.CurrentDepth);

    [Fact]
    public void Using_declaration_sets_the_flag_until_the_end_of_the_block()
    {
        {
            using var scope = Memalloc.NoFsScope.Enter();
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Using_statement_sets_the_flag_inside_the_block_only()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Nested_scope_of_the_same_kind_leaves_the_outer_flag_set()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            using (Memalloc.NoFsScope.Enter())
            {
                Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Mixed_scopes_compose_and_unwind_one_bit_at_a_time()
    {
        using (NoIoScope.Enter())
        {
            using (Memalloc.NoFsScope.Enter())
            {
                using (NoReclaimScope.Enter())
                {
                    Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, MemallocContext.Current);
                }

                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void MemallocScope_clears_only_the_bits_it_newly_set()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            using (MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim))
            {
                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }
    }

    [Fact]
    public void MemallocScope_with_no_flags_changes_nothing()
    {
        using (MemallocScope.Enter(MemallocFlags.None))
        {
            Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        }
    }

    [Fact]
    public void Default_scope_dispose_is_a_no_op()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            default(Memalloc.NoFsScope).Dispose();
            default(NoIoScope).Dispose();
            default(NoReclaimScope).Dispose();
            default(MemallocScope).Dispose();
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }
    }

    [Fact]
    public void Second_dispose_is_a_no_op_even_after_a_new_scope_takes_the_same_depth()
    {
        var first = Memalloc.NoFsScope.Enter();
        first.Dispose();
        var second = NoIoScope.Enter();
        first.Dispose();
        Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        second.Dispose();
        second.Dispose();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Scope_is_disposed_when_an_exception_leaves_it()
    {
        Assert.Throws<InvalidTimeZoneException>(ThrowInsideScopes);

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    private static void ThrowInsideScopes()
    {
        using var outer = NoIoScope.Enter();
        using var inner = Memalloc.NoFsScope.Enter();
        throw new InvalidTimeZoneException();
    }

    [Fact]
    public void Allocation_in_a_finally_inside_the_scope_still_sees_the_flag()
    {
        MemallocFlags seen = MemallocFlags.None;
        try
        {
            using var scope = Memalloc.NoFsScope.Enter();
            try
            {
                throw new InvalidOperationException("boom");
            }
            finally
            {
                seen = MemallocContext.Current;
            }
        }
        catch (InvalidOperationException)
        {
        }

        Assert.Equal(MemallocFlags.NoFs, seen);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Deep_nesting_beyond_the_initial_stack_capacity_unwinds_exactly()
    {
        const int depth = 1000;
        Recurse(depth);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);

        static void Recurse(int remaining)
        {
            if (remaining == 0)
            {
                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo, MemallocContext.Current);
                return;
            }

            if (remaining % 2 == 0)
            {
                using var scope = Memalloc.NoFsScope.Enter();
                Recurse(remaining - 1);
            }
            else
            {
                using var scope = NoIoScope.Enter();
                Recurse(remaining - 1);
            }

            // Only the outermost scope of each kind set its bit, so only those two clear anything.
            MemallocFlags expected = remaining switch
            {
                depth => MemallocFlags.None,
                depth - 1 => MemallocFlags.NoFs,
                _ => MemallocFlags.NoFs | MemallocFlags.NoIo,
            };
            Assert.Equal(expected, MemallocContext.Current);
        }
    }
}
