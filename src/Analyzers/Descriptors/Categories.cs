namespace NoFsScope.Analyzers.Descriptors
{
    internal static class Categories
    {
        /// <summary>Allocations that may recurse into filesystem or I/O reclaim.</summary>
        internal const string Reclaim = "Reclaim";

        /// <summary>How scopes are entered, kept and relied on.</summary>
        internal const string ScopeDiscipline = "ScopeDiscipline";

        /// <summary>The move from GFP_NOFS-style flags to scopes.</summary>
        internal const string Migration = "Migration";

        /// <summary>The NoFsScope.txt configuration file.</summary>
        internal const string Configuration = "Configuration";
    }
}
