using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS014EmptyScopeAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS014;

public sealed class NOFS014Tests
{
    [Fact]
    public async Task Empty_and_dead_scopes_are_reported()
    {
        await Verify.VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                int _count;

                void Flush(Pool pool, MemallocFlags flags)
                {
                    using ({|#0:NoFsScope.Enter()|}) { }
                    using ({|#1:MemallocScope.Enter(flags)|}) { _count++; }
                    {
                        int x = 1;
                        using var scope = {|#2:NoIoScope.Enter()|};
                        x++;
                    }
                }
            }
            """ + EngineSource.Code,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS014).WithLocation(0).WithArguments("NoFsScope"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS014).WithLocation(1).WithArguments("MemallocScope"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS014).WithLocation(2).WithArguments("NoIoScope"));
    }

    [Fact]
    public async Task Scopes_around_calls_creations_and_accessors_are_fine()
    {
        await Verify.VerifyAsync("""
            using System.Collections.Generic;
            using Memalloc;
            class Flusher
            {
                List<int> Items { get; } = new();

                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter()) pool.Peek();
                    using (NoFsScope.Enter()) { var b = new byte[4]; }
                    using (NoFsScope.Enter()) { _ = Items; }
                    using var scope = NoFsScope.Enter();
                    Helper();
                }

                static void Helper() { }
            }
            """ + EngineSource.Code);
    }
}
