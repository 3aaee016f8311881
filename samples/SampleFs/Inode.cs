using Memalloc;

namespace SampleFs;

/// <summary>An in-memory inode: its size and the lock that serialises writeback of its pages.</summary>
public sealed class Inode
{
    internal Inode(int number, long size)
    {
        Number = number;
        Size = size;

        // Not reclaim-unsafe: the page-cache shrinker takes it inside reclaim, and WritePages holds it
        // while allocating, which is why WritePages enters a NoFsScope.
        WritebackLock = new ReclaimAwareLock("inode.writeback");
    }

    public int Number { get; }

    /// <summary>The file size; guarded by the page cache's gate.</summary>
    public long Size { get; internal set; }

    /// <summary>Held while the inode's dirty pages are written back.</summary>
    public ReclaimAwareLock WritebackLock { get; }

    /// <summary>Cached pages of this inode; guarded by the page cache's gate.</summary>
    internal int CachedPages { get; set; }

    /// <summary>Dirty pages of this inode; guarded by the page cache's gate.</summary>
    internal int DirtyPages { get; set; }

    public override string ToString() => $"inode {Number}";
}
