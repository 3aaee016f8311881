using Memalloc;

namespace SampleFs;

/// <summary>One page of one inode in the page cache; every field is guarded by the page cache's gate.</summary>
internal sealed class CachedPage
{
    internal CachedPage(Inode inode, long index, Page page)
    {
        Inode = inode;
        Index = index;
        Page = page;
    }

    internal Inode Inode { get; }

    internal long Index { get; }

    internal Page Page { get; }

    internal bool Dirty { get; set; }

    internal bool UnderWriteback { get; set; }

    /// <summary>The node in the page cache's LRU list (oldest first).</summary>
    internal System.Collections.Generic.LinkedListNode<CachedPage>? Lru { get; set; }
}
