using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS015ThreadScopeAcrossAwaitAnalyzer, NoFsScope.CodeFixes.NOFS015UseAsyncScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS015;

/// <summary>"Use AsyncNoFsScope": thread scopes become async ones, Save … Restore becomes a using of the async scope.</summary>
public sealed class NOFS015CodeFixTests
{
    private static Task VerifyAsync(string source, string fixedSource) =>
        Verify.VerifyAsync(source + EngineSource.Code, fixedSource + EngineSource.Code, NOFS015UseAsyncScopeCodeFix.Key);

    [Fact]
    public async Task Thread_scopes_become_async_scopes()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task BlockAsync(Pool pool)
                {
                    using ({|CS9104:{|NOFS015:NoFsScope.Enter()|}|})
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                async Task DeclarationAsync(Pool pool)
                {
                    using {|CS4012:NoIoScope|} scope = {|NOFS015:NoIoScope.Enter()|};
                    await Task.Yield();
                    pool.Rent();
                }

                async Task FlagsAsync(Pool pool, MemallocFlags flags)
                {
                    using ({|CS9104:{|NOFS015:NoReclaimScope.Enter()|}|})
                    using ({|CS9104:{|NOFS015:MemallocScope.Enter(flags)|}|})
                    {
                        await Task.Yield();
                    }
                }
            }
            """, """
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task BlockAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                async Task DeclarationAsync(Pool pool)
                {
                    using AsyncNoIoScope scope = AsyncNoIoScope.Enter();
                    await Task.Yield();
                    pool.Rent();
                }

                async Task FlagsAsync(Pool pool, MemallocFlags flags)
                {
                    using (AsyncMemallocScope.Enter(MemallocFlags.NoReclaim))
                    using (AsyncMemallocScope.Enter(flags))
                    {
                        await Task.Yield();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Save_in_try_finally_and_straight_line_become_a_using_block()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task TryFinallyAsync(Pool pool)
                {
                    pool.Peek();
                    // hold NoFs while the bio is in flight
                    MemallocFlags saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    try
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                async Task StraightAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoIo | MemallocFlags.NoReclaim)|};
                    pool.Rent();
                    await Task.Yield();
                    MemallocContext.Restore(saved);
                    pool.Peek();
                }

                async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoIo)|};
                    try
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }

                    yield return pool.Rent();
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task TryFinallyAsync(Pool pool)
                {
                    pool.Peek();
                    // hold NoFs while the bio is in flight
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                async Task StraightAsync(Pool pool)
                {
                    using (AsyncMemallocScope.Enter(MemallocFlags.NoIo | MemallocFlags.NoReclaim))
                    {
                        pool.Rent();
                        await Task.Yield();
                    }
                    pool.Peek();
                }

                async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    using (AsyncNoIoScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }

                    yield return pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_where_the_rewrite_would_change_the_meaning_or_the_region_holds_a_yield_return()
    {
        string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                MemallocFlags _last;

                IEnumerable<byte[]> Pages(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoIo)|};
                    try
                    {
                        yield return pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                async IAsyncEnumerable<byte[]> AwaitThenYieldAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    try
                    {
                        await Task.Yield();
                        yield return pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                IEnumerable<byte[]> AsyncScopeAcrossYield(Pool pool)
                {
                    using var scope = {|NOFS015:AsyncNoFsScope.Enter()|};
                    yield return pool.Rent();
                }

                async Task TokenUsedElsewhereAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    await Task.Yield();
                    _last = saved;
                    MemallocContext.Restore(saved);
                }

                async Task HandedToAnotherMethodAsync()
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    await Task.Yield();
                    Release(saved);
                }

                static void Release(MemallocFlags saved) => MemallocContext.Restore(saved);

                async Task DiscardedAsync()
                {
                    {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    await Task.Yield();
                }

                async Task FinallyDoesMoreAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    try
                    {
                        await Task.Yield();
                    }
                    finally
                    {
                        pool.Peek();
                        MemallocContext.Restore(saved);
                    }
                }

                async Task<int> DeclaresWhatFollowsReadsAsync(Pool pool)
                {
                    var saved = {|NOFS015:MemallocContext.Save(MemallocFlags.NoFs)|};
                    byte[] page = pool.Rent();
                    await Task.Yield();
                    MemallocContext.Restore(saved);
                    return page.Length;
                }
            }
            """ + EngineSource.Code;
        var test = new Verify.Test { TestCode = source, FixedCode = source, CodeActionEquivalenceKey = NOFS015UseAsyncScopeCodeFix.Key };
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        await test.RunAsync();
    }
}
