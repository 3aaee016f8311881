using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What an analyzer instance keeps across compilations (an editor makes one per keystroke), holding no
    /// symbol, operation or compilation:
    /// <list type="bullet">
    /// <item>the <see cref="TreeDeclarations"/> of every tree it has seen (with the facts of the tree's
    /// methods), for as long as the tree lives: a weak table keyed by the tree. This is what Roslyn's
    /// <c>SyntaxTreeValueProvider</c> does; the provider can only be read through an analysis context,
    /// and a host that wraps the contexts (a profiler, a benchmark harness) cannot forward that read;</item>
    /// <item>per assembly, for the latest <see cref="CompilationStamp"/> only, the overrides and
    /// implementations a virtual call to a method may run, by symbol-free names, and the reclaim
    /// summaries (<see cref="KeptSummaries"/>);</item>
    /// <item>an identity number for each compilation options and reference object (weakly).</item>
    /// </list>
    /// </summary>
    internal sealed class KeptAnalysis
    {
        private readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> _byTree = new();
        private readonly ConditionalWeakTable<SyntaxTree, SyntaxTree> _seen = new(); // a set: each tree maps to itself
        private readonly ConcurrentDictionary<string, Stamped> _stamped = new(StringComparer.Ordinal);
        private readonly ConditionalWeakTable<object, StrongBox<long>> _identities = new();
        private long _lastIdentity;

        /// <summary>
        /// This, when a tree of <paramref name="compilation"/> was in a compilation this instance saw before
        /// (an editor's next keystroke); null otherwise (a command-line build sees each tree once, and keeping
        /// would only cost it the hashing and bookkeeping). Either way the compilation's trees count as seen.
        /// </summary>
        internal KeptAnalysis? IfTreesSeenBefore(Compilation compilation)
        {
            bool seenBefore = false;
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                seenBefore |= _seen.TryGetValue(tree, out _);
                _ = _seen.GetValue(tree, static t => t);
            }

            return seenBefore ? this : null;
        }

        /// <summary>
        /// A number no other object this instance was asked about gets, for as long as <paramref name="value"/>
        /// lives: an editor keeps the same compilation options and reference objects across keystrokes and
        /// makes new ones when they change, so the number says whether they changed.
        /// </summary>
        internal long IdentityOf(object value) =>
            _identities.GetValue(value, _ => new StrongBox<long>(Interlocked.Increment(ref _lastIdentity))).Value;

        internal TreeDeclarations Declarations(SyntaxTree tree) => _byTree.GetValue(tree, static t => TreeDeclarations.Of(t, CancellationToken.None));

        /// <summary>
        /// The implementations kept for compilations of <paramref name="assembly"/> stamped <paramref name="stamp"/>,
        /// keyed by the called method's name (<see cref="MethodRef.ToString"/>, or its documentation ID outside
        /// source); those kept for another stamp are dropped.
        /// </summary>
        internal ConcurrentDictionary<string, ImmutableArray<MethodRef>> Implementations(string assembly, ulong stamp) =>
            ForStamp(assembly, stamp).ByMethod;

        /// <summary>The reclaim summaries kept for compilations of <paramref name="assembly"/> stamped <paramref name="stamp"/>; those of another stamp are dropped.</summary>
        internal KeptSummaries Summaries(string assembly, ulong stamp) => ForStamp(assembly, stamp).Summaries;

        private Stamped ForStamp(string assembly, ulong stamp) => _stamped.AddOrUpdate(
            assembly,
            _ => new Stamped(stamp),
            (_, old) => old.Stamp == stamp ? old : new Stamped(stamp));

        private sealed class Stamped
        {
            internal Stamped(ulong stamp) => Stamp = stamp;

            internal ulong Stamp { get; }

            internal ConcurrentDictionary<string, ImmutableArray<MethodRef>> ByMethod { get; } = new(StringComparer.Ordinal);

            internal KeptSummaries Summaries { get; } = new();
        }
    }
}
