using System.Threading.Tasks;
using Memalloc;
using NoFsScope.Runtime.Tests.Reclaim;
using Xunit;

namespace NoFsScope.Runtime.Tests.Async;

/// <summary>DirectReclaim, PagePool and the validator read the context through MemallocContext, so an async scope protects them after an await.</summary>
[Collection(ValidatorCollection.Name)]
public sealed class AsyncScopeReclaimTests
{
    [Fact]
    public async Task DirectReclaim_skips_filesystem_shrinkers_under_an_async_NoFs_scope_after_an_await()
    {
        var registry = new ShrinkerRegistry();
        var fs = new TestShrinker("fs", AllocFlags.Fs);
        var clean = new TestShrinker("clean", AllocFlags.None, 4);
        registry.Register(fs);
        registry.Register(clean);

        ReclaimResult result;
        using (AsyncNoFsScope.Enter())
        {
            await Task.Yield();
            result = DirectReclaim.Run(registry, AllocFlags.Default, target: 100);
        }

        Assert.Empty(fs.ScanCalls);
        Assert.Single(clean.ScanCalls);
        Assert.Equal(AllocFlags.Default & ~AllocFlags.Fs, result.Flags);
    }

    [Fact]
    public async Task PagePool_under_an_async_NoReclaim_scope_does_not_reclaim()
    {
        var registry = new ShrinkerRegistry();
        var shrinker = new TestShrinker("any");
        registry.Register(shrinker);
        var pool = new PagePool(1, shrinkers: registry);
        pool.Rent(AllocFlags.Default);

        using (AsyncMemallocScope.Enter(MemallocFlags.NoReclaim))
        {
            await Task.Yield();
            Assert.False(pool.TryRent(AllocFlags.Default, System.TimeSpan.Zero, out _));
        }

        Assert.Empty(shrinker.ScanCalls);
    }

    [Fact]
    public async Task Validator_accepts_an_allocation_in_a_writeback_section_under_an_async_scope()
    {
        MemallocValidator.Enable();
        try
        {
            using (AsyncNoFsScope.Enter())
            {
                await Task.Yield();
                AllocateInWritebackSection();
            }

            Assert.Throws<AllocationScopeViolationException>(AllocateInWritebackSection);
        }
        finally
        {
            MemallocValidator.Disable();
        }

        static void AllocateInWritebackSection()
        {
            using var section = WritebackState.Enter("async flush");
            MemallocValidator.MightAlloc(AllocFlags.Default);
        }
    }
}
