namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What a kept summary (<see cref="ReclaimHop"/>) was computed from: the files of every method its
    /// method reaches (a bit per file, numbered by <see cref="KeptSummaries"/>), and the generation of
    /// <see cref="KeptSummaries"/> whose facts it saw. It holds while no file it depends on has had a
    /// new tree since (<see cref="KeptSummaries.Holds"/>). Immutable; shared by every
    /// method of a call cycle.
    /// </summary>
    internal sealed class SummaryInputs
    {
        internal SummaryInputs(ulong[] files, int generation)
        {
            Files = files;
            Generation = generation;
        }

        /// <summary>Bit <c>i</c> of word <c>i / 64</c> is set when the summary depends on file number <c>i</c>.</summary>
        internal ulong[] Files { get; }

        internal int Generation { get; }
    }
}
