using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS015ThreadScopeAcrossAwaitAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS015;

/// <summary>Regions that end before the function suspends, suspensions in other functions, and async scopes.</summary>
public sealed class NOFS015ValidTests
{
    [Fact]
    public async Task Regions_that_close_before_the_await_async_scopes_and_nested_functions_are_fine()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task BeforeAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try
                    {
                        pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }

                    await Task.Yield();
                    MemallocFlags again = MemallocContext.Save(MemallocFlags.NoFs);
                    pool.Rent();
                    MemallocContext.Restore(again);
                    await Task.Yield();
                }

                async Task FlowAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }

                    using var scope = AsyncMemallocScope.Enter(MemallocFlags.NoIo);
                    await Task.Yield();
                    pool.Rent();
                }

                void Synchronous(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    Func<Task> later = async () => await Task.Yield();
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }

                    MemallocContext.Restore(saved);
                }

                IEnumerable<int> Items(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }

                    yield return 1;
                }
            }
            """ + EngineSource.Code);
    }

    [Fact]
    public async Task Async_scopes_that_end_before_the_yield_and_DisposeAsync_after_the_Restore_are_fine()
    {
        await Verify.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class D : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            class Pager
            {
                IEnumerable<byte[]> Pages(Pool pool)
                {
                    byte[] page;
                    using (AsyncNoFsScope.Enter())
                    {
                        page = pool.Rent();
                    }

                    yield return page;
                }

                async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                        IEnumerable<int> Nested()
                        {
                            yield return 1;
                        }

                        if (pool is null)
                        {
                            yield break;
                        }
                    }

                    yield return pool.Rent();
                }

                async Task RestoredFirstAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    await using var d = new D();
                    pool.Rent();
                    MemallocContext.Restore(saved);
                }
            }
            """ + EngineSource.Code);
    }
}
