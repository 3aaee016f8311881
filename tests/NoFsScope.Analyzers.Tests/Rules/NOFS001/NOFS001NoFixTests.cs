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
        var test = new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = key,
        };

        // No fix applies, so the "fixed" state keeps the diagnostics the markup describes.
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        await test.RunAsync();
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
}
