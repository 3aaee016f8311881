using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Discipline
{
    /// <summary>
    /// NOFS013: a call to a member marked <c>[InvokedUnderNoFsScope]</c> (or overriding or implementing
    /// one) from code that is not under a NoFs or NoIo scope. The analyzers treat such bodies as
    /// scoped; this rule keeps the callers honest.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS013PromiseBrokenAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS013);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterWithReclaimAnalysis((start, analysis) =>
                start.RegisterGuardedOperationAction(operation => Analyze(operation, analysis), OperationKind.Invocation));
        }

        private static void Analyze(OperationAnalysisContext context, ReclaimAnalysis analysis)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!analysis.Callbacks.IsInvokedUnderNoFsScope(invocation.TargetMethod))
            {
                return;
            }

            if (analysis.CoverageAnywhere(invocation, ScopeFlags.NoFs | ScopeFlags.NoIo, context.ContainingSymbol, out IOperation root) != Coverage.Uncovered)
            {
                return;
            }

            var scopeRoot = new CallbackRoot(root, CallbackKind.Writeback, ScopeFlags.None, string.Empty, FunctionSyntax.EnclosingFunction(root.Syntax), reportAt: null);
            context.ReportDiagnostic(ScopeDiagnostics.Create(
                Descriptors.Descriptors.NOFS013,
                scopeRoot,
                invocation.Syntax.GetLocation(),
                additional: null,
                DisplayNames.Member(invocation.TargetMethod)));
        }
    }
}
