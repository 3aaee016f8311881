using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Async;

/// <summary>Thread and flow scopes count together, nest with the same save/restore semantics, and everything that reads the context sees both.</summary>
public sealed class AsyncScopeUnionTests
{
    [Fact]
    public async Task Current_and_Effective_are_the_union_of_thread_and_flow_flags()
    {
        using (AsyncNoIoScope.Enter())
        {
            await Task.Yield();
            Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim, ThreadPart());
            Assert.Equal(MemallocFlags.NoIo, MemallocContext.Current);
        }

        static MemallocFlags ThreadPart()
        {
            using (NoReclaimScope.Enter())
            using (Memalloc.NoFsScope.Enter())
            {
                Assert.Equal(AllocFlags.None, MemallocContext.Effective(AllocFlags.Default));
                return MemallocContext.Current;
            }
        }
    }

    [Fact]
    public async Task Nested_async_scopes_restore_only_what_they_added()
    {
        using (AsyncNoFsScope.Enter())
        {
            using (AsyncNoFsScope.Enter())
            {
                await Task.Yield();
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            using (AsyncMemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim))
            {
                await Task.Yield();
                Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, MemallocContext.Current);
            }

            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
            Assert.Equal(1, FlowState.CurrentDepth);
        }

        Assert.Equal(0, FlowState.CurrentDepth);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Thread_scopes_keep_their_own_state_inside_an_async_scope()
    {
        using (AsyncNoFsScope.Enter())
        {
            using (Memalloc.NoFsScope.Enter())
            {
                Assert.Equal(1, ThreadState.CurrentDepth);
            }

            Assert.Equal(0, ThreadState.CurrentDepth);
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }
}
