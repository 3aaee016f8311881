using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>
/// NOFS001 fixes in async methods, async lambdas and iterators insert the async scope. Every test runs
/// under LangVersion 12 and latest; the verifier compiles the fixed code. The test Roslyn (4.8) knows
/// no C# 13, so "latest" is C# 12 here too: the thread-scope choice that C# 13 allows is covered by
/// <see cref="NOFS001ScopeChoiceTests"/>.
/// </summary>
public sealed class NOFS001AsyncCodeFixTests
{
    public static TheoryData<LanguageVersion> Versions => new() { LanguageVersion.CSharp12, LanguageVersion.Latest };

    private static Task VerifyAsync(LanguageVersion version, string key, string source, string fixedSource, string? batchFixedSource = null)
    {
        var test = new Verify.Test
        {
            TestCode = source + AsyncEngineSource.Code,
            FixedCode = fixedSource + AsyncEngineSource.Code,
            CodeActionEquivalenceKey = key,
        };
        if (batchFixedSource is not null)
        {
            test.BatchFixedCode = batchFixedSource + AsyncEngineSource.Code;
        }

        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithLanguageVersion(version)));
        return test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Wrap_after_an_await_uses_the_async_scope_and_Fix_All_spans_the_await(LanguageVersion version)
    {
        await VerifyAsync(version, NOFS001ScopeCodeFix.WrapKey, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    {|NOFS001:pool.Rent()|};
                    await Task.Yield();
                    {|NOFS001:pool.Grow()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        pool.Rent();
                    }
                    await Task.Yield();
                    using (AsyncNoFsScope.Enter())
                    {
                        pool.Grow();
                    }
                }
            }
            """, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        pool.Rent();
                        await Task.Yield();
                        pool.Grow();
                    }
                }
            }
            """);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Expression_bodied_async_members_lambdas_io_callbacks_and_iterators(LanguageVersion version)
    {
        await VerifyAsync(version, NOFS001ScopeCodeFix.WrapKey, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async ValueTask<int> FlushAsync(Pool pool) => (await Task.FromResult({|NOFS001:pool.Rent()|})).Length;

                public override async Task SubmitAsync(Pool pool)
                {
                    await Task.Yield();
                    if (pool is not null)
                        {|NOFS001:pool.Rent()|};
                }

                public override System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool)
                {
                    yield return {|NOFS001:pool.Rent()|};
                }

                void Register() => AsyncEngine.OnWriteback(async pool => await Task.FromResult({|NOFS001:pool.Rent()|}));
            }
            """, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async ValueTask<int> FlushAsync(Pool pool)
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        return (await Task.FromResult(pool.Rent())).Length;
                    }
                }

                public override async Task SubmitAsync(Pool pool)
                {
                    await Task.Yield();
                    if (pool is not null)
                        using (AsyncNoIoScope.Enter())
                        {
                            pool.Rent();
                        }
                }

                public override System.Collections.Generic.IEnumerable<byte[]> Pages(Pool pool)
                {
                    byte[] item;
                    using (AsyncNoFsScope.Enter())
                    {
                        item = pool.Rent();
                    }

                    yield return item;
                }

                void Register() => AsyncEngine.OnWriteback(async pool =>
                {
                    using (AsyncNoFsScope.Enter())
                    {
                        await Task.FromResult(pool.Rent());
                    }
                });
            }
            """);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Scope_the_whole_async_callback(LanguageVersion version)
    {
        await VerifyAsync(version, NOFS001ScopeCodeFix.ScopeCallbackKey, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    await Task.Yield();
                    {|NOFS001:pool.Rent()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override async Task WritePagesAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    await Task.Yield();
                    pool.Rent();
                }
            }
            """);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task In_iterators_the_yielded_allocation_is_computed_under_the_scope_and_yielded_after_it(LanguageVersion version)
    {
        await VerifyAsync(version, NOFS001ScopeCodeFix.WrapKey, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Ops
            {
                [WritebackCallback]
                public async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    await Task.Yield();
                    // first page
                    yield return {|NOFS001:pool.Rent()|};
                    yield return {|NOFS001:pool.Rent()|};
                    if (pool is not null)
                        yield return {|NOFS001:pool.Grow()|};
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Ops
            {
                [WritebackCallback]
                public async IAsyncEnumerable<byte[]> PagesAsync(Pool pool)
                {
                    await Task.Yield();
                    // first page
                    byte[] item;
                    using (AsyncNoFsScope.Enter())
                    {
                        item = pool.Rent();
                    }

                    yield return item;
                    byte[] item1;
                    using (AsyncNoFsScope.Enter())
                    {
                        item1 = pool.Rent();
                    }

                    yield return item1;
                    if (pool is not null)
                    {
                        byte[] item2;
                        using (AsyncNoFsScope.Enter())
                        {
                            item2 = pool.Grow();
                        }

                        yield return item2;
                    }
                }
            }
            """);
    }
}
