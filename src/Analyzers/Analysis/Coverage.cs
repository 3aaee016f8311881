namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>Whether an operation runs as part of a callback, and if so whether a strong-enough scope is in force. Ordered for joins.</summary>
    internal enum Coverage
    {
        /// <summary>Not run as part of the callback (a deferred lambda, a local function never called).</summary>
        NotReached = 0,

        /// <summary>Run as part of the callback, always under a scope that satisfies it.</summary>
        Covered = 1,

        /// <summary>Run as part of the callback, on at least one path without such a scope.</summary>
        Uncovered = 2,
    }
}
