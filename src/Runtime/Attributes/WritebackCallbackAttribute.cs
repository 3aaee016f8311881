using System;

namespace Memalloc
{
    /// <summary>
    /// Marks a method that runs while the filesystem holds pages in writeback state, as
    /// <c>->writepage</c>, <c>->writepages</c>, the page-cache write path and metadata writeback do.
    /// An allocation there that may enter direct reclaim can recurse into the same filesystem and
    /// deadlock, so every reclaim-capable allocation it makes, directly or through helpers, must be
    /// under a <see cref="NoFsScope"/>. Overrides and implementations of a marked member are callbacks
    /// too; on a delegate parameter, the attribute makes every lambda or method group passed to it a
    /// callback. The analyzers match the attribute by name, so an engine may declare its own copy.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
    public sealed class WritebackCallbackAttribute : Attribute
    {
    }
}
