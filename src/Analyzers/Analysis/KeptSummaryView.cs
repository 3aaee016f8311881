namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>The <see cref="KeptSummaries"/> of one compilation and the generation it began at.</summary>
    internal sealed class KeptSummaryView
    {
        internal KeptSummaryView(KeptSummaries summaries, int generation)
        {
            Summaries = summaries;
            Generation = generation;
        }

        internal KeptSummaries Summaries { get; }

        internal int Generation { get; }

        /// <summary>Whether a kept <paramref name="hop"/> holds in this compilation.</summary>
        internal bool Holds(ReclaimHop hop) => Summaries.Holds(hop, Generation);
    }
}
