namespace NoFsScope.Analyzers.Descriptors
{
    internal static class Categories
    {
        /// <summary>Allocations that may recurse into filesystem or I/O reclaim.</summary>
        internal const string Reclaim = "Reclaim";

        /// <summary>The NoFsScope.txt configuration file.</summary>
        internal const string Configuration = "Configuration";
    }
}
