using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Interprocedural
{
    /// <summary>
    /// NOFS003: a method other assemblies can call (public or protected, in a library) reaches a
    /// reclaim-capable allocation outside a scope but is not marked <c>[MayReclaim]</c>. Summaries do
    /// not cross assembly boundaries; the attribute does.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS003UnmarkedPublicReclaimAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS003);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.Options.OutputKind is not (OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule))
                {
                    return;
                }

                ReclaimAnalysis analysis = ReclaimAnalysis.Create(start.Compilation, start.Options, start.CancellationToken);
                start.RegisterSymbolAction(
                    symbol => AnalyzerGuard.Run(symbol, null, s => Analyze(s, analysis)),
                    SymbolKind.Method);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, ReclaimAnalysis analysis)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!IsCandidate(method, analysis) || method.Locations.IsEmpty || !method.Locations[0].IsInSource)
            {
                return;
            }

            ReclaimReachability reach = analysis.Reachability(CallbackKind.Writeback);
            if (!reach.Of(method, context.CancellationToken).Reaches)
            {
                return;
            }

            (List<string> names, List<Location> hops) = ReclaimPaths.Describe(reach, method, context.CancellationToken);
            names.RemoveAt(0);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Descriptors.NOFS003,
                method.Locations[0],
                hops,
                DisplayNames.Member(method),
                ReclaimPaths.Join(names)));
        }

        /// <summary>Callable from other assemblies, with a body, not already telling callers how it reclaims.</summary>
        private static bool IsCandidate(IMethodSymbol method, ReclaimAnalysis analysis)
        {
            if (method.IsAbstract || method.IsImplicitlyDeclared ||
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
