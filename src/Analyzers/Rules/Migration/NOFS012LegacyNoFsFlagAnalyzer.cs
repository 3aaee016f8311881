using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Migration
{
    /// <summary>
    /// NOFS012 (disabled by default): an allocation passes <c>AllocFlags.NoFs</c> (or <c>NoIo</c>)
    /// outside any scope — the legacy GFP_NOFS style. The fix wraps it in a scope and passes Default.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS012LegacyNoFsFlagAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the flag the argument passes ("NoFs" or "NoIo").</summary>
        internal const string FlagProperty = "Flag";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS012);

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
            if (!ExplicitFlagArguments.TryGet(argument, out string flag) ||
                ExplicitFlagArguments.CoverageOf(argument, flag, analysis, context.ContainingSymbol, out IOperation root) != Coverage.Uncovered)
            {
                return;
            }

            // The scope fix wraps the statement holding the allocation; it reads the same properties as for NOFS001.
            var scopeRoot = new CallbackRoot(root, flag == "NoFs" ? CallbackKind.Writeback : CallbackKind.Io, ScopeFlags.None, string.Empty, FunctionSyntax.EnclosingFunction(root.Syntax), reportAt: null);
            context.ReportDiagnostic(ScopeDiagnostics.Create(
                Descriptors.Descriptors.NOFS012,
                scopeRoot,
                argument.Value.Syntax.GetLocation(),
                additional: null,
                ImmutableDictionary<string, string?>.Empty.Add(FlagProperty, flag),
                flag,
                ExplicitFlagArguments.ScopeTypeFor(flag)));
        }
    }
}
