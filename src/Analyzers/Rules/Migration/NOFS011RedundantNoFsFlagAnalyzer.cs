using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Migration
{
    /// <summary>
    /// NOFS011: an allocation passes <c>AllocFlags.NoFs</c> (or <c>AllocFlags.NoIo</c>) where a scope
    /// that removes the same bits is already in force, or in an <c>[InvokedUnderNoFsScope]</c> body.
    /// Replacing it with <c>AllocFlags.Default</c> is the "GFP_NOFS → GFP_KERNEL" step of the migration.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS011RedundantNoFsFlagAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS011);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterWithReclaimAnalysis((start, analysis) =>
                start.RegisterGuardedOperationAction(operation => Analyze(operation, analysis), OperationKind.Argument));
        }

        private static void Analyze(OperationAnalysisContext context, ReclaimAnalysis analysis)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (ExplicitFlagArguments.TryGet(argument, out string flag) &&
                ExplicitFlagArguments.CoverageOf(argument, flag, analysis, context.ContainingSymbol, out _) == Coverage.Covered)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.Descriptors.NOFS011,
                    argument.Value.Syntax.GetLocation(),
                    flag,
                    flag == "NoFs" ? "Fs" : "Io and Fs"));
            }
        }
    }
}
