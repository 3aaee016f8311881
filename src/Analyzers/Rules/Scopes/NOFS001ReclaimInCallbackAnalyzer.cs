using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Scopes
{
    /// <summary>
    /// NOFS001: a reclaim-capable allocation made directly in a writeback (or I/O) callback, outside
    /// a scope that forbids recursing into the filesystem (or into I/O). Callbacks are methods, their
    /// overrides and implementations, and lambdas or method groups passed to callback parameters.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS001ReclaimInCallbackAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.NOFS001Writeback, Descriptors.Descriptors.NOFS001Io);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterWithReclaimAnalysis((start, analysis) =>
            {
                CallbackRoots.Register(start, analysis, (root, report, cancellationToken) =>
                {
                    DiagnosticDescriptor descriptor = root.Kind == CallbackKind.Io ? Descriptors.Descriptors.NOFS001Io : Descriptors.Descriptors.NOFS001Writeback;
                    foreach (Allocation allocation in analysis.FindUnscopedAllocations(root.Body, root.Kind, root.RootFlags, cancellationToken))
                    {
                        Location at = allocation.Operation.Syntax.GetLocation();
                        report(ScopeDiagnostics.Create(descriptor, root, at, additional: null, DisplayNames.Call(allocation.Target), root.Name));
                    }
                });
            });
        }
    }
}
