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
        /// <summary>
        /// What every rule passes to ConfigureGeneratedCodeAnalysis: generated code is not analyzed (the
        /// driver skips generated files and [GeneratedCode] members without binding them), and since every
        /// diagnostic lies in the code being analyzed, the driver is told not to check each one again.
        /// </summary>
        /// <remarks>
        /// With <see cref="GeneratedCodeAnalysisFlags.None"/> the driver checks each reported location, and the
        /// first check in a file walks every token of that file for [GeneratedCode] attributes under a lock:
        /// about 15 % of the rules' time on the benchmark engine, where they report ~1,700 diagnostics. The
        /// only differences it makes: a finding inside a [GeneratedCode] lambda or local function of
        /// hand-written code, or inside a <c>#line hidden</c> region, is then reported.
        /// </remarks>
        internal const GeneratedCodeAnalysisFlags GeneratedCode = GeneratedCodeAnalysisFlags.ReportDiagnostics;

        /// <summary>Creates the per-compilation <see cref="ReclaimAnalysis"/> and lets the rule register its actions with it.</summary>
        /// <param name="kept">
        /// When given, the per-tree declarations (and with them the facts of the tree's methods) and the
        /// implementations of virtual methods are kept across compilations there, from the first compilation
        /// that shares a tree with an earlier one; the analyzer instance owns it.
        /// </param>
        internal static void RegisterWithReclaimAnalysis(this AnalysisContext context, Action<CompilationStartAnalysisContext, ReclaimAnalysis> register, KeptAnalysis? kept = null)
        {
            context.RegisterCompilationStartAction(start =>
                register(start, ReclaimAnalysis.Create(start.Compilation, start.Options, kept?.IfTreesSeenBefore(start.Compilation), start.CancellationToken)));
        }

        /// <summary>An operation action whose failures name the file, line and code being analyzed.</summary>
        internal static void RegisterGuardedOperationAction(this CompilationStartAnalysisContext start, Action<OperationAnalysisContext> action, params Microsoft.CodeAnalysis.OperationKind[] kinds)
        {
            start.RegisterOperationAction(operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, action), kinds);
        }
    }
}
