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

        private const string Nofs002Title = "Call in a writeback or I/O callback reaches a reclaim-capable allocation outside a scope";

        internal static readonly DiagnosticDescriptor NOFS002Writeback = Create(
            RuleIds.ReclaimThroughCalls,
            title: Nofs002Title,
            messageFormat: "{0} may enter filesystem reclaim (not under a NoFs scope)",
            Categories.Reclaim,
            DiagnosticSeverity.Error,
            description: "A helper called from a writeback callback, outside a scope, allocates in a way that may recurse into the filesystem. " +
                         "Scope the call in the callback, or the allocation in the helper.");

        internal static readonly DiagnosticDescriptor NOFS002Io = Create(
            RuleIds.ReclaimThroughCalls,
            title: Nofs002Title,
            messageFormat: "{0} may enter reclaim that starts I/O (not under a NoIo scope)",
            Categories.Reclaim,
            DiagnosticSeverity.Error,
            description: "A helper called from an I/O callback, outside a scope, allocates in a way that may start I/O in reclaim. " +
                         "Scope the call with a NoIoScope, or the allocation in the helper.");

        internal static readonly DiagnosticDescriptor NOFS003 = Create(
            RuleIds.UnmarkedPublicReclaim,
            title: "Public method may reclaim but is not marked [MayReclaim]",
            messageFormat: "'{0}' may enter filesystem reclaim through {1} but is not marked [MayReclaim], so callers in other assemblies cannot see it",
            Categories.Reclaim,
            DiagnosticSeverity.Warning,
            description: "Summaries do not cross assembly boundaries; [MayReclaim] on a public or protected method is how a library tells " +
                         "the analyzers in its callers' projects that calling it may reclaim.");

        internal static readonly DiagnosticDescriptor NOFS010 = Create(
            RuleIds.ScopeNotReleased,
            title: "Scope not disposed, or saved flags not restored, on every path",
            messageFormat: "{0}",
            Categories.ScopeDiscipline,
            DiagnosticSeverity.Error,
            description: "A scope that is not disposed, or a MemallocContext.Save token that is not restored, on every path (exceptions " +
                         "included) leaves the thread's flags set: every later allocation on that pool thread silently loses reclaim. " +
                         "Restoring out of order clears bits an inner region still relies on.");

        internal static readonly DiagnosticDescriptor NOFS011 = Create(
            RuleIds.RedundantNoFsFlag,
            title: "Explicit NoFs request under a scope is redundant",
            messageFormat: "'AllocFlags.{0}' is redundant: the scope in force already removes {1}; pass AllocFlags.Default",
            Categories.Migration,
            DiagnosticSeverity.Info,
            description: "Under a NoFs (or NoIo) scope every request loses Fs anyway. Passing AllocFlags.Default lets the scope decide, " +
                         "which is the GFP_NOFS-to-GFP_KERNEL step of the migration to scopes.");

        internal static readonly DiagnosticDescriptor NOFS012 = Create(
            RuleIds.LegacyNoFsFlag,
            title: "Explicit NoFs request outside a scope: prefer a scope at the boundary",
            messageFormat: "'AllocFlags.{0}' marks one allocation; prefer a {1} at the boundary where the reclaim-unsafe state begins and pass AllocFlags.Default",
            Categories.Migration,
            DiagnosticSeverity.Info,
            description: "The legacy GFP_NOFS style protects only the allocation that carries the flag, not the helpers it calls. " +
                         "A scope at the boundary protects everything inside it.",
            enabledByDefault: false);

        internal static readonly DiagnosticDescriptor NOFS013 = Create(
            RuleIds.PromiseBroken,
            title: "Member the engine invokes under a NoFs scope is called without one",
            messageFormat: "'{0}' is promised to run under a NoFs scope ([InvokedUnderNoFsScope]), but this call is not under a NoFs or NoIo scope",
            Categories.ScopeDiscipline,
            DiagnosticSeverity.Error,
            description: "Bodies of [InvokedUnderNoFsScope] members are analyzed as scoped; every call to them must keep that promise.");

        internal static readonly DiagnosticDescriptor NOFS014 = Create(
            RuleIds.EmptyScope,
            title: "Scope with nothing inside that can allocate",
            messageFormat: "This {0} covers nothing that can allocate; remove it or move it to the boundary it is meant to mark",
            Categories.ScopeDiscipline,
            DiagnosticSeverity.Warning,
            description: "An empty or dead scope is noise that hides the real boundaries where reclaim-unsafe state begins.");

        private const string Nofs015Title = "Scope or saved flags held across await or yield return";

        internal static readonly DiagnosticDescriptor NOFS015 = Create(
            RuleIds.ThreadScopeAcrossAwait,
            title: Nofs015Title,
            messageFormat: "{0} is held across '{1}': the code after it may resume on another thread that lacks the flags, and they would be restored on the wrong thread; use {2}",
            Categories.ScopeDiscipline,
            DiagnosticSeverity.Error,
            description: "Thread scopes and MemallocContext.Save set per-thread flags. After an await (or between the items of an iterator) " +
                         "the code may run on another thread: the allocations there are unprotected, and the restore clears the flags of a " +
                         "thread that never set them while the first thread goes back to the pool restricted. The async scopes " +
                         "(AsyncNoFsScope, AsyncNoIoScope, AsyncMemallocScope) follow the logical flow across await.");

        /// <summary>NOFS015 for a scope of any kind (or a Save) held across <c>yield return</c>, which no scope survives.</summary>
        internal static readonly DiagnosticDescriptor NOFS015YieldReturn = Create(
            RuleIds.ThreadScopeAcrossAwait,
            title: Nofs015Title,
            messageFormat: "{0} is held across 'yield return': the consumer runs between the items, with the flags still set in an iterator and without them after the yield in an async iterator; end the scope before the yield return",
            Categories.ScopeDiscipline,
            DiagnosticSeverity.Error,
            description: "A yield return hands control to the consumer. In an iterator the consumer's code then runs under the flags " +
                         "(and may run on another thread, which lacks them when the iterator resumes); in an async iterator each " +
                         "MoveNextAsync runs on the consumer's execution context, so even an async scope's flags are gone after the " +
                         "yield and its dispose fails. No scope survives a yield return: enter it around the work of one item.");

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
