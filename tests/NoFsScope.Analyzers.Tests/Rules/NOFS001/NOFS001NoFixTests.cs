using System.Threading.Tasks;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>Where a scope fix would not compile or would not help, none is offered.</summary>
public sealed class NOFS001NoFixTests
{
    [Theory]
    [InlineData(NOFS001ScopeCodeFix.WrapKey)]
    [InlineData(NOFS001ScopeCodeFix.ScopeCallbackKey)]
    public async Task Constructor_initializer_and_method_group(string key)
    {
        // A constructor initializer runs before any body; a method group's allocation is in another
        // method. (Async methods and iterators are fixed with the async scope: NOFS001AsyncCodeFixTests.)
        string source = """
            using Memalloc;
            class Flusher
            {
                void Register() => Engine.OnWriteback({|NOFS001:Flush|});

                static void Flush(Pool pool) => pool.Rent();
            }
            class Base { protected Base(byte[] page) { } }
            class Derived : Base
            {
                [WritebackCallback]
                public Derived(Pool pool) : base({|NOFS001:pool.Rent()|}) { }
            }
            """ + EngineSource.Code;
        await VerifyNoFixAsync(source, key);
    }

    private static Task VerifyNoFixAsync(string source, string key)
    {
        var test = new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = key,
        };

        // No fix applies, so the "fixed" state keeps the diagnostics the markup describes.
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public async Task Lambda_in_top_level_statements_is_fixed_inside_the_lambda()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                Engine.OnWriteback(pool =>
                {
                    {|NOFS001:pool.Rent()|};
                });
                """ + EngineSource.Code,
            FixedCode = """
                using Memalloc;
                Engine.OnWriteback(pool =>
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }
                });
                """ + EngineSource.Code,
            CodeActionEquivalenceKey = NOFS001ScopeCodeFix.WrapKey,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Theory]
    [InlineData(NOFS001ScopeCodeFix.WrapKey)]
    [InlineData(NOFS001ScopeCodeFix.ScopeCallbackKey)]
    public async Task No_scope_is_wrapped_around_a_yield_return(string key)
    {
        // No scope survives a yield return; only `yield return <allocation>;` can be hoisted (NOFS001AsyncCodeFixTests).
        string source = """
            using System.Collections.Generic;
            using Memalloc;
            class Aops : AsyncOperations
            {
                public override IEnumerable<byte[]> Pages(Pool pool)
                {
                    foreach (byte[] page in new[] { {|NOFS001:pool.Rent()|} })
                    {
                        yield return page;
                    }

                    byte[] next = {|NOFS001:pool.Rent()|};
                    yield return next;
                    yield return {|NOFS001:pool.Rent()|} is { Length: > 0 } p ? p : null;
                }
            }
            """ + AsyncEngineSource.Code;
        await VerifyNoFixAsync(source, key);
    }
}
