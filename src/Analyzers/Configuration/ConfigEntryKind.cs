namespace NoFsScope.Analyzers.Configuration
{
    /// <summary>The keyword that starts a line of NoFsScope.txt.</summary>
    internal enum ConfigEntryKind
    {
        /// <summary><c>writeback &lt;doc-id&gt;</c>: the method is a writeback callback.</summary>
        Writeback,

        /// <summary><c>io &lt;doc-id&gt;</c>: the method is an I/O callback.</summary>
        Io,

        /// <summary><c>allocator &lt;doc-id&gt;</c>: calls to the method (or every method of the type) may reclaim.</summary>
        Allocator,
    }
}
