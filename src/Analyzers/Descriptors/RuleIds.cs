namespace NoFsScope.Analyzers.Descriptors
{
    /// <summary>Every rule ID, one constant each. Docs live at <c>docs/rules/&lt;ID&gt;.md</c>.</summary>
    internal static class RuleIds
    {
        /// <summary>Reclaim-capable allocation in a writeback or I/O callback, outside a scope.</summary>
        internal const string ReclaimInCallback = "NOFS001";

        /// <summary>A call in a callback that reaches a reclaim-capable allocation through other methods.</summary>
        internal const string ReclaimThroughCalls = "NOFS002";

        /// <summary>A public method that may reclaim but does not say so with [MayReclaim].</summary>
        internal const string UnmarkedPublicReclaim = "NOFS003";

        /// <summary>A scope not disposed, or saved flags not restored, on every path, or restored out of order.</summary>
        internal const string ScopeNotReleased = "NOFS010";

        /// <summary>An explicit NoFs/NoIo request where a scope already removes Fs: redundant.</summary>
        internal const string RedundantNoFsFlag = "NOFS011";

        /// <summary>An explicit NoFs/NoIo request outside any scope: the legacy style (off by default).</summary>
        internal const string LegacyNoFsFlag = "NOFS012";

        /// <summary>A call to an [InvokedUnderNoFsScope] member from code without a scope.</summary>
        internal const string PromiseBroken = "NOFS013";

        /// <summary>A scope with nothing inside that can allocate.</summary>
        internal const string EmptyScope = "NOFS014";

        /// <summary>A thread scope or a Save … Restore region that holds an await or yield return.</summary>
        internal const string ThreadScopeAcrossAwait = "NOFS015";

        /// <summary>A line of NoFsScope.txt that cannot be understood.</summary>
        internal const string MalformedConfiguration = "NOFS900";

        private const string DocsRoot = "https://github.com/nofsscope/NoFsScope/blob/main/docs/rules/";

        internal static string HelpLink(string id) => DocsRoot + id + ".md";
    }
}
