using System;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Analysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// The registration every NoFsScope analyzer shares, so each rule's Initialize says only what it looks at.
    /// (ConfigureGeneratedCodeAnalysis and EnableConcurrentExecution stay in each Initialize, where RS1025/RS1026 look for them.)
    /// </summary>
    internal static class AnalysisContextExtensions
    {
        /// <summary>Creates the per-compilation <see cref="ReclaimAnalysis"/> and lets the rule register its actions with it.</summary>
        internal static void RegisterWithReclaimAnalysis(this AnalysisContext context, Action<CompilationStartAnalysisContext, ReclaimAnalysis> register)
        {
            context.RegisterCompilationStartAction(start =>
                register(start, ReclaimAnalysis.Create(start.Compilation, start.Options, start.CancellationToken)));
        }

        /// <summary>An operation action whose failures name the file, line and code being analyzed.</summary>
        internal static void RegisterGuardedOperationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, params Microsoft.CodeAnalysis.OperationKind[] kinds)
        {
            start.RegisterOperationAction(operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, action), kinds);
        }
    }
}
