using System.Threading;
using System.Threading.Tasks;
using Memalloc;

namespace SampleFs;

/// <summary>
/// The engine's writeback entry points (the kernel's <c>address_space_operations</c>). The flusher,
/// <see cref="FileSystem.Sync"/> and the page-cache shrinker (from inside direct reclaim) all call
/// <see cref="WritePages"/>; whoever calls it, its allocations must not recurse into filesystem
/// reclaim, so it enters a <see cref="NoFsScope"/> at the boundary.
/// </summary>
public class AddressSpaceOperations
{
    private FileSystem? _fileSystem;

    /// <summary>The file system these operations serve; set when they are handed to <see cref="FileSystem"/>.</summary>
    protected FileSystem FileSystem => _fileSystem ?? throw new System.InvalidOperationException("These operations are not attached to a FileSystem yet.");

    /// <summary>Writes the dirty pages of <paramref name="inode"/> back; returns how many.</summary>
    [WritebackCallback]
    public virtual int WritePages(Inode inode, CancellationToken cancellationToken)
    {
        using WritebackSection writeback = WritebackState.Enter($"WritePages({inode})");
        using ReclaimAwareLock.Holder held = inode.WritebackLock.Acquire(cancellationToken);
        using NoFsScope noFs = NoFsScope.Enter();
        return WriteDirtyPages(inode);
    }

    /// <summary>
    /// Writes the dirty pages of <paramref name="inode"/> back on the thread pool; returns how many.
    /// The NoFs scope is entered at the async boundary, before the first <c>await</c>, and is an
    /// <see cref="AsyncNoFsScope"/>: after the await the writeback runs on a pool thread that never
    /// entered a scope, and the flags come with the flow. A <see cref="NoFsScope"/> could not be
    /// declared here, and a <c>MemallocContext.Save</c> would leave that thread unprotected (NOFS015).
    /// </summary>
    [WritebackCallback]
    public virtual async Task<int> WritePagesAsync(Inode inode, CancellationToken cancellationToken)
    {
        using AsyncNoFsScope noFs = AsyncNoFsScope.Enter();
        await Task.Yield();
        return WriteUnderLock(inode, $"WritePagesAsync({inode})", cancellationToken);
    }

    internal void Attach(FileSystem fileSystem) => _fileSystem = fileSystem;

    /// <summary>
    /// The synchronous part of async writeback: the writeback section and the inode's writeback lock
    /// around <see cref="WriteDirtyPages"/>. Callers in writeback context must hold a NoFs scope.
    /// </summary>
    [MayReclaim]
    protected int WriteUnderLock(Inode inode, string section, CancellationToken cancellationToken)
    {
        using WritebackSection writeback = WritebackState.Enter(section);
        using ReclaimAwareLock.Holder held = inode.WritebackLock.Acquire(cancellationToken);
        return WriteDirtyPages(inode);
    }

    /// <summary>
    /// The work of writeback: each dirty page is copied to a bounce page (so writers can keep
    /// writing) and written to the store; without a bounce page it is written in place. Allocates
    /// from the pool, so callers in writeback context must hold a NoFs scope.
    /// </summary>
    [MayReclaim]
    protected int WriteDirtyPages(Inode inode)
    {
        FileSystem fs = FileSystem;
        int written = 0;
        foreach (CachedPage page in fs.Cache.BeginWriteback(inode))
        {
            // Optional memory: reclaim for it, never wait for it; without it the page is written in place.
            bool bounced = fs.Pool.TryRent(AllocFlags.Default, System.TimeSpan.Zero, out Page bounce);
            try
            {
                if (bounced)
                {
                    fs.Cache.CopyForWriteback(page, bounce);
                    fs.Store.WritePage(inode.Number, page.Index, bounce.Memory);
                }
                else
                {
                    fs.Cache.WriteInPlace(page);
                    fs.Statistics.CountInPlaceWrite();
                }

                written++;
            }
            finally
            {
                if (bounced)
                {
                    fs.Pool.Return(bounce);
                }

                fs.Cache.EndWriteback(page);
            }
        }

        if (written > 0)
        {
            // Only an inode that had pages to write is the live one: a stale Inode object (evicted
            // and reloaded since the caller picked it) has none and must not write its old size.
            fs.Store.WriteInodeSize(inode.Number, fs.SizeOf(inode));
        }

        fs.Statistics.CountWriteback(written);
        return written;
    }
}
