namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// How a method reaches a reclaim-capable allocation, memoised per method: in
    /// <see cref="Distance"/> calls, the first of which is call number <see cref="Witness"/> of the method's
    /// facts (<see cref="MethodFacts.CallsFor"/>). With distance 0 the method makes the allocation itself;
    /// otherwise that call goes to <see cref="Next"/>, whose own hop continues the shortest path.
    /// <see cref="Unreachable"/> when no allocation can be reached. A hop names no symbol and no syntax, so
    /// it can outlive its compilation (<see cref="KeptSummaries"/>): where a hop's call is, is read from the
    /// facts of the compilation at hand (<see cref="ReclaimReachability.SiteOf"/>).
    /// </summary>
    internal sealed class ReclaimHop
    {
        /// <summary>How many calls from the allocation <see cref="Tail"/> is: the end of a path a message spells out in full.</summary>
        internal const int TailDistance = 4;

        internal static readonly ReclaimHop Unreachable = new(-1, -1, null, null, null, null);

        internal ReclaimHop(int distance, int witness, MethodRef? next, string? allocation, MethodRef? tail, SummaryInputs? inputs)
        {
            Distance = distance;
            Witness = witness;
            Next = next;
            Allocation = allocation;
            Tail = tail;
            Inputs = inputs;
        }

        internal int Distance { get; }

        internal bool Reaches => Distance >= 0;

        /// <summary>For a distance above 0: the index, among the method's calls for the kind, of the call to <see cref="Next"/>.</summary>
        internal int Witness { get; }

        internal MethodRef? Next { get; }

        /// <summary>For distance 0: how messages name the allocating method the method calls.</summary>
        internal string? Allocation { get; }

        /// <summary>
        /// For a distance above <see cref="TailDistance"/>: the method on this path that is exactly
        /// <see cref="TailDistance"/> calls from the allocation, so the end of a long path is reached
        /// without walking it (null when this hop is that close already).
        /// </summary>
        internal MethodRef? Tail { get; }

        /// <summary>What the hop was computed from, when it may be kept across compilations; null otherwise.</summary>
        internal SummaryInputs? Inputs { get; }

        /// <summary>This hop with <paramref name="inputs"/>.</summary>
        internal ReclaimHop With(SummaryInputs inputs) => new(Distance, Witness, Next, Allocation, Tail, inputs);
    }
}
