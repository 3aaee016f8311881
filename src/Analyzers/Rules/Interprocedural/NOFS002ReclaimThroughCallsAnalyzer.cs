using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Interprocedural
{
    /// <summary>
    /// NOFS002: a call in a writeback (or I/O) callback, not under a scope, that reaches through
    /// methods of the same compilation a reclaim-capable allocation that is itself not under a scope.
    /// Reported at the call in the callback with the shortest path; each hop is an additional location.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS002ReclaimThroughCallsAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.NOFS002Writeback, Descriptors.Descriptors.NOFS002Io);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWithReclaimAnalysis((start, analysis) =>
                CallbackRoots.Register(start, analysis, (root, report, cancellationToken) => Analyze(analysis, root, report, cancellationToken)));
        }

        private static void Analyze(ReclaimAnalysis analysis, CallbackRoot root, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            ReclaimReachability reach = analysis.Reachability(root.Kind);
            DiagnosticDescriptor descriptor = root.Kind == CallbackKind.Io ? Descriptors.Descriptors.NOFS002Io : Descriptors.Descriptors.NOFS002Writeback;
            ScopeCoverage? coverage = null;
            var sites = new List<CallSite>();
            foreach (IOperation operation in root.Body.Descendants())
            {
                sites.Clear();
                CallSites.Collect(operation, sites);
                if (sites.Count == 0 || analysis.Allocations.TryGet(operation, out _))
                {
                    // Direct allocations are NOFS001's.
                    continue;
                }

                IMethodSymbol? best = null;
                int bestDistance = int.MaxValue;
                foreach (CallSite site in sites)
                {
                    foreach (IMethodSymbol callee in reach.Callees(site, cancellationToken))
                    {
                        // A callee that is a callback of this kind itself is checked, and reported, in its own body.
                        if (callee.DeclaringSyntaxReferences.IsEmpty || analysis.Callbacks.KindOf(callee) >= root.Kind)
                        {
                            continue;
                        }

                        ReclaimHop hop = reach.Of(callee, cancellationToken);
                        if (hop.Reaches && hop.Distance < bestDistance)
                        {
                            best = callee;
                            bestDistance = hop.Distance;
                        }
                    }
                }

                if (best is null)
                {
                    continue;
                }

                coverage ??= new ScopeCoverage(root.Body, root.Kind, root.RootFlags, analysis.Known);
                if (coverage.Of(operation) != Coverage.Uncovered)
                {
                    continue;
                }

                (List<string> names, List<Location> hops) = ReclaimPaths.Describe(reach, best, cancellationToken);
                names.Insert(0, root.Name);
                report(ScopeDiagnostics.Create(descriptor, root, operation.Syntax.GetLocation(), hops, ReclaimPaths.Join(names)));
            }
        }
    }
}
