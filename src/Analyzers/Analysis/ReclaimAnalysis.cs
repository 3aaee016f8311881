using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Configuration;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Everything the reclaim rules know about one compilation: framework symbols, the
    /// configuration, callback and allocation discovery with their caches. Created in
    /// CompilationStart and dropped with the compilation; never stored in a static.
    /// </summary>
    internal sealed class ReclaimAnalysis
    {
        private ReclaimAnalysis(Compilation compilation, NoFsScopeConfig config, KeptAnalysis? kept)
        {
            Compilation = compilation;
            Config = config;
            var ids = new DocumentationIds(config);
            Callbacks = new CallbackDiscovery(ids);
            Allocations = new AllocationDiscovery(ids);

            // The interprocedural parts are made on first use: only NOFS002/NOFS003 need them, and every rule
            // makes its own ReclaimAnalysis in every compilation (on the editor path, on every keystroke).
            _refs = new Lazy<MethodRefs>(() => new MethodRefs(compilation, kept is null ? DeclarationsForThisCompilation() : kept.Declarations));
            _implementations = new Lazy<ImplementationIndex>(() => new ImplementationIndex(compilation, tree => Refs.DeclarationsOf(tree).Members));
            _facts = new Lazy<MethodFactsTable>(() => new MethodFactsTable(this, kept));
            _writebackReach = new Lazy<ReclaimReachability>(() => new ReclaimReachability(this, CallbackKind.Writeback));
            _ioReach = new Lazy<ReclaimReachability>(() => new ReclaimReachability(this, CallbackKind.Io));
        }

        private readonly Lazy<MethodRefs> _refs;
        private readonly Lazy<ImplementationIndex> _implementations;
        private readonly Lazy<MethodFactsTable> _facts;
        private readonly Lazy<ReclaimReachability> _writebackReach;
        private readonly Lazy<ReclaimReachability> _ioReach;

        internal ImplementationIndex Implementations => _implementations.Value;

        /// <summary>Symbol-free names of methods, which the summaries are keyed by.</summary>
        internal MethodRefs Refs => _refs.Value;

        /// <summary>Per-method facts both reachabilities are computed from.</summary>
        internal MethodFactsTable Facts => _facts.Value;

        /// <summary>The interprocedural summaries for callbacks of <paramref name="kind"/>.</summary>
        internal ReclaimReachability Reachability(CallbackKind kind) => kind == CallbackKind.Io ? _ioReach.Value : _writebackReach.Value;

        internal Compilation Compilation { get; }

        internal NoFsScopeConfig Config { get; }

        internal CallbackDiscovery Callbacks { get; }

        internal AllocationDiscovery Allocations { get; }

        /// <param name="kept">
        /// What the rule keeps across compilations (the analyzer instance owns it): tree declarations, method
        /// facts and implementations are then taken from there when still valid. Null: everything lives and
        /// dies with this compilation.
        /// </param>
        internal static ReclaimAnalysis Create(Compilation compilation, AnalyzerOptions options, KeptAnalysis? kept, CancellationToken cancellationToken)
        {
            return new ReclaimAnalysis(compilation, NoFsScopeConfig.Read(options.AdditionalFiles, cancellationToken), kept);
        }

        private static System.Func<SyntaxTree, TreeDeclarations> DeclarationsForThisCompilation()
        {
            var declarations = new System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, TreeDeclarations>();
            return tree => declarations.GetOrAdd(tree, t => TreeDeclarations.Of(t, CancellationToken.None));
        }

        /// <summary>
        /// The allocations in the callback body <paramref name="root"/> that may recurse where
        /// <paramref name="kind"/> forbids and are not under a scope that satisfies it. Lambdas passed to
        /// other callback parameters are their own roots and are skipped here.
        /// </summary>
        internal List<Allocation> FindUnscopedAllocations(IOperation root, CallbackKind kind, ScopeFlags rootFlags, CancellationToken cancellationToken)
        {
            var found = new List<Allocation>();
            ScopeCoverage? coverage = null;
            foreach (IOperation operation in root.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is not (IInvocationOperation or IObjectCreationOperation) ||
                    !Allocations.TryGet(operation, out Allocation allocation) ||
                    !kind.IsDangerous(allocation.MayUse))
                {
                    continue;
                }

                coverage ??= new ScopeCoverage(root, kind, rootFlags);
                if (coverage.Of(operation) == Coverage.Uncovered)
                {
                    found.Add(allocation);
                }
            }

            return found;
        }

        /// <summary>
        /// Whether <paramref name="operation"/>, anywhere in code (not only in callbacks), runs under a scope
        /// whose flags include any of <paramref name="satisfiedBy"/>: judged from the body where the
        /// thread's flags are last known (<see cref="ExecutionRoots"/>), which is returned in <paramref name="root"/>.
        /// </summary>
        internal Coverage CoverageAnywhere(IOperation operation, ScopeFlags satisfiedBy, ISymbol containingSymbol, out IOperation root)
        {
            root = ExecutionRoots.Of(operation);
            ScopeFlags rootFlags = ExecutionRoots.MethodOf(root, containingSymbol) is { } method ? RootFlags(method) : ScopeFlags.None;
            return new ScopeCoverage(root, satisfiedBy, rootFlags).Of(operation);
        }

        /// <summary>The scope flags the engine promises for the body of <paramref name="method"/>.</summary>
        internal ScopeFlags RootFlags(IMethodSymbol method) =>
            Callbacks.IsInvokedUnderNoFsScope(method) ? ScopeFlags.NoFs : ScopeFlags.None;
    }
}
