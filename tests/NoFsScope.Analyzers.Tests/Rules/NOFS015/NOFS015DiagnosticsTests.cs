using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS015ThreadScopeAcrossAwaitAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS015;

/// <summary>Thread scopes and Save … Restore regions that hold an await or a yield return, and async scopes that hold a yield return.</summary>
public sealed class NOFS015DiagnosticsTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify.VerifyAsync(source + EngineSource.Code, expected);

    /// <summary>NOFS015 at markup <paramref name="location"/>; the suspension (its additional location) is checked once, in the message test.</summary>
    private static DiagnosticResult At(int location, string holder, string suspension, string asyncScope) =>
        Verify.Diagnostic(Descriptors.Descriptors.NOFS015).WithLocation(location).WithArguments(holder, suspension, asyncScope)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>NOFS015 for a region held across <c>yield return</c>, which no scope survives.</summary>
    private static DiagnosticResult AtYield(int location, string holder) =>
        Verify.Diagnostic(Descriptors.Descriptors.NOFS015YieldReturn).WithLocation(location).WithArguments(holder)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public async Task Message_names_the_holder_the_suspension_and_the_async_scope()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task FlushAsync(Pool pool)
                {
                    MemallocFlags saved = {|#0:MemallocContext.Save(MemallocFlags.NoFs)|};
                    try
                    {
                        pool.Rent();
                        {|#1:await Task.Yield()|};
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS015).WithLocation(0).WithLocation(1).WithArguments("The MemallocContext.Save in 'saved'", "await", "AsyncNoFsScope"));
    }

    [Fact]
    public async Task Straight_line_save_restore_yield_return_await_foreach_and_loops()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task StraightAsync(Pool pool)
                {
                    var saved = {|#0:MemallocContext.Save(MemallocFlags.NoIo)|};
                    pool.Rent();
                    await Task.Delay(1);
                    MemallocContext.Restore(saved);
                }

                IEnumerable<byte[]> Pages(Pool pool)
                {
                    var saved = {|#1:MemallocContext.Save(MemallocFlags.NoFs | MemallocFlags.NoReclaim)|};
                    try
                    {
                        yield return pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }

                async Task EachAsync(IAsyncEnumerable<int> pages, Pool pool)
                {
                    {|#2:MemallocContext.Save(MemallocFlags.NoFs)|};
                    await foreach (int page in pages)
                    {
                        pool.Rent();
                    }
                }

                async Task LoopAsync(Pool pool)
                {
                    MemallocFlags saved;
                    saved = {|#3:MemallocContext.Save(MemallocFlags.NoFs)|};
                    for (int i = 0; i < 3; i++)
                    {
                        pool.Rent();
                        if (i > 1)
                        {
                            await Task.Yield();
                        }
                    }

                    MemallocContext.Restore(saved);
                }
            }
            """,
            At(0, "The MemallocContext.Save in 'saved'", "await", "AsyncNoIoScope"),
            AtYield(1, "The MemallocContext.Save in 'saved'"),
            At(2, "The MemallocContext.Save here", "await foreach", "AsyncNoFsScope"),
            At(3, "The MemallocContext.Save in 'saved'", "await", "AsyncNoFsScope"));
    }

    [Fact]
    public async Task Thread_scopes_across_await_in_async_methods_and_lambdas()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                async Task BlockAsync(Pool pool)
                {
                    using ({|#0:{|CS9104:NoFsScope.Enter()|}|})
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }

                async Task DeclarationAsync(Pool pool)
                {
                    using {|CS4012:var|} scope = {|#1:NoIoScope.Enter()|};
                    await Task.Yield();
                    pool.Rent();
                }

                void Register()
                {
                    Func<Pool, Task> flush = async pool =>
                    {
                        using ({|#2:{|CS9104:NoReclaimScope.Enter()|}|})
                        {
                            await Task.Yield();
                        }
                    };
                }
            }
            """,
            At(0, "The NoFsScope entered here", "await", "AsyncNoFsScope"),
            At(1, "The NoIoScope entered here", "await", "AsyncNoIoScope"),
            At(2, "The NoReclaimScope entered here", "await", "AsyncMemallocScope"));
    }

    [Fact]
    public async Task Async_scopes_held_across_yield_return_in_iterators_and_async_iterators()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Pager
            {
                IEnumerable<byte[]> Pages(Pool pool)
                {
                    using ({|#0:AsyncNoIoScope.Enter()|})
                    {
                        pool.Rent();
                        {|#1:yield return pool.Rent();|}
                    }
                }

                async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    using var scope = {|#2:AsyncNoFsScope.Enter()|};
                    await Task.Yield();
                    for (int i = 0; i < 2; i++)
                    {
                        yield return pool.Rent();
                    }
                }

                async IAsyncEnumerable<byte[]> ExplicitAsync(Pool pool)
                {
                    AsyncMemallocScope scope = {|#3:AsyncMemallocScope.Enter(MemallocFlags.NoReclaim)|};
                    try
                    {
                        yield return pool.Rent();
                        await Task.Yield();
                    }
                    finally
                    {
                        scope.Dispose();
                    }
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS015YieldReturn).WithLocation(0).WithLocation(1).WithArguments("The AsyncNoIoScope entered here"),
            AtYield(2, "The AsyncNoFsScope entered here"),
            AtYield(3, "The AsyncMemallocScope entered here"));
    }

    [Fact]
    public async Task Await_using_declaration_in_a_Save_region_disposes_asynchronously_before_the_Restore()
    {
        await VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Memalloc;
            class D : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
            class Flusher
            {
                async Task FlushAsync(Pool pool)
                {
                    var saved = {|#0:MemallocContext.Save(MemallocFlags.NoFs)|};
                    try
                    {
                        {|#1:await using var d = new D();|}
                        pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(saved);
                    }
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS015).WithLocation(0).WithLocation(1).WithArguments("The MemallocContext.Save in 'saved'", "await using", "AsyncNoFsScope"));
    }
}
