using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The <see cref="TreeDeclarations"/> of every tree an analyzer instance has seen, for as long as the
    /// tree lives: a weak table keyed by the tree, so nothing here keeps a tree (or, holding no symbol, a
    /// compilation) alive. This is what Roslyn's <c>SyntaxTreeValueProvider</c> does; the provider can
    /// only be read through an analysis context, and a host that wraps the contexts (a profiler, a
    /// benchmark harness) cannot forward that read, so the analyzer keeps the table itself.
    /// </summary>
    internal sealed class KeptDeclarations
    {
        private readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> _byTree = new();

        internal TreeDeclarations Of(SyntaxTree tree) => _byTree.GetValue(tree, static t => TreeDeclarations.Of(t, CancellationToken.None));
    }
}
