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
        /// <summary>How many calls from the allocation <see cref="Tail"/> is: the end of a path a message spells out in full.</summary>
        internal const int TailDistance = 4;

        internal static readonly ReclaimHop Unreachable = new(-1, null, null, null, null);

        internal ReclaimHop(int distance, SyntaxNode? site, MethodRef? next, string? allocation, MethodRef? tail)
        {
            Distance = distance;
            Site = site;
            Next = next;
            Allocation = allocation;
            Tail = tail;
        }

        internal int Distance { get; }

        internal bool Reaches => Distance >= 0;

        internal SyntaxNode? Site { get; }

        internal MethodRef? Next { get; }

        /// <summary>For distance 0: how messages name the allocating method that is called at <see cref="Site"/>.</summary>
        internal string? Allocation { get; }

        /// <summary>
        /// For a distance above <see cref="TailDistance"/>: the method on this path that is exactly
        /// <see cref="TailDistance"/> calls from the allocation, so the end of a long path is reached
        /// without walking it (null when this hop is that close already).
        /// </summary>
        internal MethodRef? Tail { get; }
    }
}
