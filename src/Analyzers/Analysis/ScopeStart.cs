namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// A statement in a statement list that opens a scope for the statements after it: a
    /// <c>using var</c> scope declaration (open to the end of the list) or a
    /// <c>MemallocContext.Save</c> (open until the first matching Restore).
    /// </summary>
    internal readonly struct ScopeStart
    {
        internal ScopeStart(int opensAt, int closesAt, ScopeFlags flags)
        {
            OpensAt = opensAt;
            ClosesAt = closesAt;
            Flags = flags;
        }

        /// <summary>Source position where coverage begins (the end of the opening statement).</summary>
        internal int OpensAt { get; }

        /// <summary>Source position where coverage ends: the matching Restore call, or int.MaxValue.</summary>
        internal int ClosesAt { get; }

        internal ScopeFlags Flags { get; }

        internal bool Covers(int position) => OpensAt <= position && position < ClosesAt;

        /// <summary>The same region, closed earlier at <paramref name="position"/>.</summary>
        internal ScopeStart ClosedAt(int position) => new(OpensAt, position < ClosesAt ? position : ClosesAt, Flags);
    }
}
