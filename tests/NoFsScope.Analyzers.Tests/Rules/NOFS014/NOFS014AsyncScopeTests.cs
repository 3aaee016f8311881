using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS014EmptyScopeAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS014;

/// <summary>The async scopes are scopes for NOFS014 too.</summary>
public sealed class NOFS014AsyncScopeTests
{
    [Fact]
    public async Task An_empty_async_scope_is_reported_and_one_around_an_await_is_not()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                int _count;

                async Task FlushAsync(Pool pool)
                {
                    using ({|#0:AsyncNoFsScope.Enter()|}) { _count++; }
                    using (AsyncNoIoScope.Enter())
                    {
                        await Task.Yield();
                        pool.Rent();
                    }
                }
            }
            """ + EngineSource.Code,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS014).WithLocation(0).WithArguments("AsyncNoFsScope"));
    }
}
