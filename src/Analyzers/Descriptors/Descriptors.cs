using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Descriptors
{
    /// <summary>
    /// All diagnostic descriptors. Every one is built by <see cref="Create"/>, which derives the help
    /// link from the ID so no rule can point at the wrong page.
    /// </summary>
    internal static class Descriptors
    {
        private const string Nofs001Title = "Reclaim-capable allocation in a writeback or I/O callback outside a scope";

        internal static readonly DiagnosticDescriptor NOFS001Writeback = Create(
            RuleIds.ReclaimInCallback,
            title: Nofs001Title,
            messageFormat: "'{0}' may enter filesystem reclaim inside writeback callback '{1}' (not under a NoFs scope)",
            Categories.Reclaim,
            DiagnosticSeverity.Error,
            description: "While a filesystem holds pages in writeback state, an allocation that may enter direct reclaim can " +
                         "recurse into the same filesystem and deadlock. Enter a NoFsScope before allocating.");

        /// <summary>The same rule in an [IoCallback] context, where only a NoIo (or NoReclaim) scope is enough.</summary>
        internal static readonly DiagnosticDescriptor NOFS001Io = Create(
            RuleIds.ReclaimInCallback,
            title: Nofs001Title,
            messageFormat: "'{0}' may enter reclaim that starts I/O inside I/O callback '{1}' (not under a NoIo scope)",
            Categories.Reclaim,
            DiagnosticSeverity.Error,
            description: "On the block-I/O path, reclaim that starts I/O can wait on the request being issued. " +
                         "Enter a NoIoScope before allocating.");

        internal static readonly DiagnosticDescriptor NOFS900 = Create(
            RuleIds.MalformedConfiguration,
            title: "Malformed line in NoFsScope.txt",
            messageFormat: "NoFsScope.txt line {0} is ignored: {1}",
            Categories.Configuration,
            DiagnosticSeverity.Warning,
            description: "Each line of NoFsScope.txt is blank, a '#' comment, or '<writeback|io|allocator> <documentation-comment-id>'.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            bool enabledByDefault = true,
            params string[] customTags)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                enabledByDefault,
                description,
                helpLinkUri: RuleIds.HelpLink(id),
                customTags);
        }
    }
}
