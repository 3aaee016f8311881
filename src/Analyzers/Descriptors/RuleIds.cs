namespace NoFsScope.Analyzers.Descriptors
{
    /// <summary>Every rule ID, one constant each. Docs live at <c>docs/rules/&lt;ID&gt;.md</c>.</summary>
    internal static class RuleIds
    {
        /// <summary>Reclaim-capable allocation in a writeback or I/O callback, outside a scope.</summary>
        internal const string ReclaimInCallback = "NOFS001";

        /// <summary>A line of NoFsScope.txt that cannot be understood.</summary>
        internal const string MalformedConfiguration = "NOFS900";

        private const string DocsRoot = "https://github.com/nofsscope/NoFsScope/blob/main/docs/rules/";

        internal static string HelpLink(string id) => DocsRoot + id + ".md";
    }
}
