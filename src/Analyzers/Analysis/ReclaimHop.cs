using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// How a method reaches a reclaim-capable allocation, memoised per method: in
    /// <see cref="Distance"/> calls, the first of which is <see cref="Site"/>. With distance 0 the
    /// site is the allocation itself; otherwise it calls <see cref="Next"/>, whose own hop continues
    /// the shortest path. <see cref="Unreachable"/> when no allocation can be reached.
    /// </summary>
    internal sealed class ReclaimHop
    {
        internal static readonly ReclaimHop Unreachable = new(-1, null, null, null);

        internal ReclaimHop(int distance, SyntaxNode? site, IMethodSymbol? next, IMethodSymbol? allocation)
        {
            Distance = distance;
            Site = site;
            Next = next;
            Allocation = allocation;
        }

        internal int Distance { get; }

        internal bool Reaches => Distance >= 0;

        internal SyntaxNode? Site { get; }

        internal IMethodSymbol? Next { get; }

        /// <summary>For distance 0: the allocating method that is called at <see cref="Site"/>.</summary>
        internal IMethodSymbol? Allocation { get; }
    }
}
