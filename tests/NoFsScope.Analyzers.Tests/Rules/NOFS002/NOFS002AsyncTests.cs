using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS002;

/// <summary>Calls from async callbacks: an async scope covers them across awaits; a Save does not cover them after one.</summary>
public sealed class NOFS002AsyncTests
{
    [Fact]
    public async Task Calls_after_an_await_are_covered_by_an_async_scope_and_not_by_a_Save()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Journal
            {
                private readonly Pool _pool = new();
                public void Append() => _pool.Rent();
            }
            class Aops : AsyncOperations
            {
                private readonly Journal _journal = new();

                public override async Task WritePagesAsync(Pool pool)
                {
                    using var scope = AsyncNoFsScope.Enter();
                    await Task.Yield();
                    _journal.Append();
                }

                public override async Task SubmitAsync(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoIo);
                    _journal.Append();
                    await Task.Yield();
                    {|#0:_journal.Append()|};
                    MemallocContext.Restore(saved);
                }
            }
            """ + AsyncEngineSource.Code,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS002Io).WithLocation(0)
                .WithArguments("'Aops.SubmitAsync' → 'Journal.Append' → 'Pool.Rent(AllocFlags)'")
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }
}
