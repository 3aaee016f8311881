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
    /// <c>await</c> or <c>yield return</c>, or an async scope (<c>AsyncNoFsScope</c> …) whose region
    /// holds a <c>yield return</c>. After an await the code may resume on another thread: that thread
    /// lacks the flags, and they are cleared on it instead of on the thread that set them; the async
    /// scopes follow the flow instead. No scope survives a <c>yield return</c>: the consumer runs between
    /// the items (under the flags in an iterator; an async iterator resumes on the consumer's context,
    /// without them). The async scope is offered as the fix only when the region holds no yield return.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS015ThreadScopeAcrossAwaitAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the async scope type that replaces the thread scope or the Save.</summary>
        internal const string AsyncScopeProperty = "AsyncScope";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS015, Descriptors.Descriptors.NOFS015YieldReturn);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
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

            if (region.IsYieldReturn)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.Descriptors.NOFS015YieldReturn,
                    region.Creation.Syntax.GetLocation(),
                    new[] { region.Suspension.Syntax.GetLocation() },
                    region.Holder));
                return;
            }

            // The async scope does not survive a yield return either: no fix is offered for a region that holds one.
            ImmutableDictionary<string, string?> properties = region.HoldsYieldReturn
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(AsyncScopeProperty, region.AsyncScope);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Descriptors.NOFS015,
                region.Creation.Syntax.GetLocation(),
                new[] { region.Suspension.Syntax.GetLocation() },
                properties,
                region.Holder,
                region.SuspensionKeyword,
                region.AsyncScope));
        }
    }
}
