using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS002;

/// <summary>The scope fixes apply to NOFS002 at the call in the callback.</summary>
public sealed class NOFS002CodeFixTests
{
    private const string Source = """
        using Memalloc;
        static class Journal { public static void Append(Pool p) => p.Rent(); }
        class Aops : AddressSpaceOperations
        {
            public override void WritePages(Pool pool)
            {
                pool.Peek();
                {|NOFS002:Journal.Append(pool)|};
            }
        }
        """;

    [Fact]
    public async Task Wrap_the_call()
    {
        await Verify.VerifyAsync(Source + EngineSource.Code, """
            using Memalloc;
            static class Journal { public static void Append(Pool p) => p.Rent(); }
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    pool.Peek();
                    using (NoFsScope.Enter())
                    {
                        Journal.Append(pool);
                    }
                }
            }
            """ + EngineSource.Code, NOFS001ScopeCodeFix.WrapKey);
    }

    [Fact]
    public async Task Scope_the_whole_callback()
    {
        await Verify.VerifyAsync(Source + EngineSource.Code, """
            using Memalloc;
            static class Journal { public static void Append(Pool p) => p.Rent(); }
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    using var scope = NoFsScope.Enter();
                    pool.Peek();
                    Journal.Append(pool);
                }
            }
            """ + EngineSource.Code, NOFS001ScopeCodeFix.ScopeCallbackKey);
    }
}
