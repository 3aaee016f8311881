using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Discipline
{
    /// <summary>
    /// NOFS015: a thread scope (<c>NoFsScope</c>, <c>NoIoScope</c>, <c>NoReclaimScope</c>,
    /// <c>MemallocScope</c>) or a <c>MemallocContext.Save</c> … <c>Restore</c> region that holds an
    /// <c>await</c> or <c>yield return</c>. The code after it may resume on another thread: that thread
    /// lacks the flags, and they are cleared on it instead of on the thread that set them, which goes
    /// back to the pool still restricted. The async scopes follow the flow instead.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS015ThreadScopeAcrossAwaitAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the async scope type that replaces the thread scope or the Save.</summary>
        internal const string AsyncScopeProperty = "AsyncScope";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS015);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, Analyze),
                OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            if (ThreadScopeRegions.Find((IInvocationOperation)context.Operation) is not { } region)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Descriptors.NOFS015,
                region.Creation.Syntax.GetLocation(),
                new[] { region.Suspension.Syntax.GetLocation() },
                ImmutableDictionary<string, string?>.Empty.Add(AsyncScopeProperty, region.AsyncScope),
                region.Holder,
                region.SuspensionKeyword,
                region.AsyncScope));
        }
    }
}
