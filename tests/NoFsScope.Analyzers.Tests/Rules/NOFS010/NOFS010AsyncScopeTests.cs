using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS010ScopeNotReleasedAnalyzer, NoFsScope.CodeFixes.NOFS010AddUsingCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS010;

/// <summary>A discarded async scope is reported, and its using declaration is added even in an async method.</summary>
public sealed class NOFS010AsyncScopeTests
{
    [Fact]
    public async Task Discarded_async_scope_in_an_async_method_gets_using()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Memalloc;
                class Flusher
                {
                    async Task FlushAsync(Pool pool)
                    {
                        {|#0:AsyncNoFsScope.Enter()|};
                        await Task.Yield();
                        pool.Rent();
                    }
                }
                """ + EngineSource.Code,
            FixedCode = """
                using System.Threading.Tasks;
                using Memalloc;
                class Flusher
                {
                    async Task FlushAsync(Pool pool)
                    {
                        using var scope = AsyncNoFsScope.Enter();
                        await Task.Yield();
                        pool.Rent();
                    }
                }
                """ + EngineSource.Code,
        };
        test.ExpectedDiagnostics.Add(Verify.Test.Diagnostic(Descriptors.Descriptors.NOFS010).WithLocation(0)
            .WithArguments("The AsyncNoFsScope entered here is discarded, so it is never disposed and its flags stay set; enter it with 'using'"));
        await test.RunAsync();
    }
}
