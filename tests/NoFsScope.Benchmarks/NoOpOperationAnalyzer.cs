using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The driver floor: registers what NOFS001/NOFS002 register (an operation-block action for every
/// method and an operation action for delegate creations, from a compilation-start action) and
/// does nothing in them. Whatever it costs over the plain compile is Roslyn's analyzer driver
/// (compilation events, semantic models over the compiler's bound bodies, IOperation trees),
/// paid once by every build that runs any operation analyzer, the SDK's own included.
/// </summary>
/// <remarks>Instantiated by the benchmarks only, never loaded by a compiler: no [DiagnosticAnalyzer], no release tracking.</remarks>
#pragma warning disable RS1001, RS2008
public sealed class NoOpOperationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "FLOOR001",
        "Never reported",
        "Never reported",
        "Benchmark",
        DiagnosticSeverity.Hidden,
        isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationBlockAction(_ => { });
            start.RegisterOperationAction(_ => { }, OperationKind.DelegateCreation);
        });
    }
}
#pragma warning restore RS1001, RS2008
