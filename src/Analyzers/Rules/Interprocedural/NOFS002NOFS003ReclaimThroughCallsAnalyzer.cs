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
    /// The interprocedural family, in one analyzer so both rules share one set of per-compilation
    /// reachability summaries (each summary binds the helper's body; computing them twice was the
    /// largest cost in the analyzer benchmark).
    /// <list type="bullet">
    /// <item>NOFS002: a call in a writeback (or I/O) callback, not under a scope, that reaches through
    /// methods of the same compilation a reclaim-capable allocation that is itself not under a scope.
    /// Reported at the call in the callback with the shortest path; each hop is an additional location.</item>
    /// <item>NOFS003: a method other assemblies can call (public or protected, in a library) reaches such
    /// an allocation but is not marked <c>[MayReclaim]</c>. Summaries do not cross assembly boundaries;
    /// the attribute does.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS002NOFS003ReclaimThroughCallsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// The declarations of each tree and the facts of its methods, kept with the tree for as long as it
        /// lives, and the implementations of virtual methods: an editor makes a new compilation on every
        /// keystroke but keeps the trees of unchanged documents, whose methods then need not be bound again
        /// (see <see cref="CompilationStamp"/> for when kept facts are used). Holds no symbol or compilation.
        /// </summary>
        private readonly KeptAnalysis _kept = new();

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.NOFS002Writeback, Descriptors.Descriptors.NOFS002Io, Descriptors.Descriptors.NOFS003);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterWithReclaimAnalysis((start, analysis) =>
            {
                // A rule switched off in .editorconfig is not computed (NOFS003 alone is ~20 % of the editor path).
                var nofs002 = new RuleSwitch(start.Compilation, Descriptors.Descriptors.NOFS002Writeback.Id);
                RuleSwitch? nofs003 = start.Compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule
                    ? new RuleSwitch(start.Compilation, Descriptors.Descriptors.NOFS003.Id)
                    : null;
                CallbackRoots.Register(start, analysis, (root, report, cancellationToken) =>
                {
                    // The file the diagnostics land in: a method group's body may be in another one.
                    SyntaxTree reportedIn = root.ReportAt?.SourceTree ?? root.Body.Syntax.SyntaxTree;
                    if (!nofs002.IsOff(reportedIn, cancellationToken))
                    {
                        Analyze(analysis, root, report, cancellationToken);
                    }
                });
                start.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block, block.OperationBlocks.IsEmpty ? null : block.OperationBlocks[0].Syntax, b => VisitBody(b, analysis, nofs003)));
            }, _kept);
        }

        /// <summary>
        /// Every body the driver binds: its facts are recorded from that binding, so a summary binds only the
        /// callees the driver has not reached yet (and then through the same cached semantic model, ahead of
        /// the driver). In a library, NOFS003 is decided here too, from the method's own block, so the
        /// diagnostic is local to the method (squiggle and light bulb).
        /// </summary>
        /// <param name="nofs003">Null outside a library (NOFS003 is about what other assemblies can see).</param>
        private static void VisitBody(OperationBlockAnalysisContext block, ReclaimAnalysis analysis, RuleSwitch? nofs003)
        {
            if (block.OwningSymbol is not IMethodSymbol method || block.OperationBlocks.IsEmpty)
            {
                return;
            }

            foreach (IOperation body in block.OperationBlocks)
            {
                analysis.Facts.Record(method, body, block.CancellationToken);
            }

            if (nofs003 is not null && !nofs003.IsOff(block.OperationBlocks[0].Syntax.SyntaxTree, block.CancellationToken) && IsCandidate(method, analysis))
            {
                ReportIfUnmarked(method, analysis.Reachability(CallbackKind.Writeback), block.ReportDiagnostic, block.CancellationToken);
            }
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

                MethodRef? best = null;
                int bestDistance = int.MaxValue;
                foreach (CallSite site in sites)
                {
                    foreach (MethodRef callee in analysis.Facts.Callees(site, cancellationToken))
                    {
                        // A callee that is a callback of this kind itself is checked, and reported, in its own body.
                        if (analysis.Facts.Of(callee, cancellationToken).Kind >= root.Kind)
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

                coverage ??= new ScopeCoverage(root.Body, root.Kind, root.RootFlags);
                if (coverage.Of(operation) != Coverage.Uncovered)
                {
                    continue;
                }

                (string path, List<Location> hops) = ReclaimPaths.Describe(reach, best.Value, root.Name, skipCallee: false, cancellationToken);
                report(ScopeDiagnostics.Create(descriptor, root, operation.Syntax.GetLocation(), hops, path));
            }
        }

        private static void ReportIfUnmarked(IMethodSymbol method, ReclaimReachability reach, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (!reach.Of(method, cancellationToken).Reaches)
            {
                return;
            }

            (string path, List<Location> hops) = ReclaimPaths.Describe(reach, reach.NameOf(method, cancellationToken), prefix: null, skipCallee: true, cancellationToken);
            report(Diagnostic.Create(
                Descriptors.Descriptors.NOFS003,
                method.Locations[0],
                hops,
                DisplayNames.Member(method),
                path));
        }

        /// <summary>Callable from other assemblies, with a body, not already telling callers how it reclaims.</summary>
        private static bool IsCandidate(IMethodSymbol method, ReclaimAnalysis analysis)
        {
            if (method.IsAbstract || method.IsImplicitlyDeclared || method.Locations.IsEmpty || !method.Locations[0].IsInSource ||
                method.MethodKind is MethodKind.LambdaMethod or MethodKind.LocalFunction or MethodKind.StaticConstructor or MethodKind.Destructor ||
                !IsVisibleOutsideAssembly(method) ||
                analysis.Callbacks.KindOf(method) != CallbackKind.None ||
                analysis.RootFlags(method) != ScopeFlags.None)
            {
                return false;
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (MemallocNames.IsMemallocType(parameter.Type, MemallocNames.AllocFlags))
                {
                    return false; // the gfp convention already says it allocates
                }
            }

            return !MethodFamily.Any(method, 0, static (candidate, _) => MemallocNames.HasAttribute(candidate, MemallocNames.MayReclaimAttribute));
        }

        private static bool IsVisibleOutsideAssembly(ISymbol symbol)
        {
            for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
