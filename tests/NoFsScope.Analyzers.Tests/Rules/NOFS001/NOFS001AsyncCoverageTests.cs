using System.Threading.Tasks;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>
/// Async callbacks (Task, ValueTask, async lambdas passed to callback parameters) are analyzed like
/// synchronous ones; async scopes cover across any number of awaits but end at the first yield return;
/// thread scopes and Save cover only up to the first await, yield return or await using in their region.
/// </summary>
public sealed class NOFS001AsyncCoverageTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.VerifyAsync(source + AsyncEngineSource.Code, expected);

    [Fact]
    public async Task Async_scopes_cover_across_awaits_in_every_shape()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    await Task.Yield();
                    pool.Rent();
                    for (int i = 0; i < 3; i++)
                    {
                        await Task.Delay(1);
                        pool.Grow();
                    }
                }

                public override async ValueTask<int> FlushAsync(Pool pool)
                {
                    Func<byte[]> rent = () => pool.Rent();
                    using (AsyncMemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim))
                    {
                        await Task.Yield();
                        rent();
                        await HelperAsync();
                        return Local();
                    }

                    int Local() => pool.Rent().Length;

                    async Task HelperAsync()
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                public override async Task SubmitAsync(Pool pool)
                {
                    using (AsyncNoIoScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                public override System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }

                    yield break;
                }

                void Register() => AsyncEngine.OnWriteback(async pool =>
                {
                    using var scope = AsyncNoFsScope.Enter();
                    await Task.Yield();
                    pool.Rent();
                });
            }
            """);
    }

    [Fact]
    public async Task Task_and_ValueTask_callbacks_and_async_lambdas_are_callbacks()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    await Task.Yield();
                    {|#0:pool.Rent()|};
                }

                public override ValueTask<int> FlushAsync(Pool pool) => new ValueTask<int>({|#1:pool.Rent()|}.Length);

                public override Task SubmitAsync(Pool pool) => Task.FromResult({|#2:pool.Rent()|});

                public override System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool)
                {
                    yield return {|#3:pool.Rent()|};
                }

                void Register() => AsyncEngine.OnWriteback(async pool =>
                {
                    await Task.Yield();
                    {|#4:pool.Rent()|};
                });
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithArguments("Pool.Rent(AllocFlags)", "Aops.WritePagesAsync"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(1).WithArguments("Pool.Rent(AllocFlags)", "Aops.FlushAsync"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Io).WithLocation(2).WithArguments("Pool.Rent(AllocFlags)", "Aops.SubmitAsync"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(3).WithArguments("Pool.Rent(AllocFlags)", "Aops.Pages"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(4).WithArguments("Pool.Rent(AllocFlags)", "lambda passed to AsyncEngine.OnWriteback"));
    }

    [Fact]
    public async Task An_allocation_after_an_await_outside_any_scope_is_flagged_though_earlier_code_was_scoped()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }

                    await Task.Yield();
                    {|NOFS001:pool.Rent()|};
                }

                public override async ValueTask<int> FlushAsync(Pool pool)
                {
                    MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try
                    {
                        pool.Rent();
                        await Task.Yield();
                        return {|NOFS001:pool.Rent()|}.Length;
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                public override async Task SubmitAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoIo);
                    for (int i = 0; i < 2; i++)
                    {
                        {|NOFS001:pool.Rent()|};
                        await Task.Yield();
                    }

                    MemallocContext.Restore(saved);
                }

                public override System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    yield return pool.Rent();
                    yield return {|NOFS001:pool.Rent()|};
                    MemallocContext.Restore(saved);
                }
            }
            """);
    }

    [Fact]
    public async Task Yield_return_ends_async_scopes_in_async_iterators_and_iterators()
    {
        await VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Ops
            {
                [WritebackCallback]
                public async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    yield return pool.Rent();
                    yield return {|NOFS001:pool.Rent()|};
                    await Task.Yield();
                }

                [WritebackCallback]
                public async IAsyncEnumerable<byte[]> LoopAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    for (int i = 0; i < 3; i++)
                    {
                        byte[] page = {|NOFS001:pool.Rent()|};
                        await Task.Yield();
                        yield return page;
                    }
                }
            }

            class Aops : AsyncOperations
            {
                public override IEnumerable<byte[]> Pages(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        yield return pool.Rent();
                        {|NOFS001:pool.Rent()|};
                    }

                    AsyncNoFsScope scope = AsyncNoFsScope.Enter();
                    try
                    {
                        yield return pool.Rent();
                        {|NOFS001:pool.Rent()|};
                    }
                    finally
                    {
                        scope.Dispose();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Async_scopes_that_end_before_the_yield_and_the_yielded_value_itself_stay_covered()
    {
        await VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Ops
            {
                [WritebackCallback]
                public async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        byte[] page;
                        using (AsyncNoFsScope.Enter())
                        {
                            await Task.Yield();
                            page = pool.Rent();
                        }

                        yield return page;
                    }
                }
            }

            class Aops : AsyncOperations
            {
                public override IEnumerable<byte[]> Pages(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    pool.Rent();
                    IEnumerable<int> Nested()
                    {
                        yield return 1;
                    }

                    pool.Grow();
                    yield return pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task An_await_using_declaration_ends_a_Save_region_at_the_end_of_its_block()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Memalloc;
            class D : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try
                    {
                        {
                            await using var d = new D();
                            pool.Rent();
                        }
                        {|NOFS001:pool.Rent()|};
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                public override async Task SubmitAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoIo);
                    await using var d = new D();
                    pool.Rent();
                    MemallocContext.Restore(saved);
                }
            }
            """);
    }

    [Fact]
    public async Task An_await_inside_an_await_using_body_ends_a_Save_region_there()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Memalloc;
            class D : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try
                    {
                        await using (new D())
                        {
                            pool.Rent();
                            await Task.Yield();
                            {|NOFS001:pool.Rent()|};
                        }
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_Task_Run_inside_an_async_scope_is_still_judged_as_deferred_work()
    {
        // Deferred delegates are not part of the callback (their own rules apply), whatever the scope.
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    await Task.Run(() => pool.Rent());
                }
            }
            """);
    }
}
