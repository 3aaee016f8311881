using System;

namespace SampleFs;

/// <summary>How big the engine's memory is and how it behaves under pressure.</summary>
public sealed class FileSystemOptions
{
    /// <summary>Pages in the page pool: the engine's whole memory (page cache and bounce buffers).</summary>
    public int PoolPages { get; init; } = 64;

    public int PageSize { get; init; } = 4096;

    public int MaxInodes { get; init; } = 256;

    public long MaxFileSize { get; init; } = 16L << 20;

    /// <summary>How long an allocation that may reclaim waits for pages after reclaim; see <see cref="Memalloc.PagePool.ReclaimWait"/>.</summary>
    public TimeSpan ReclaimWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the flusher thread writes dirty inodes back.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(5);
}
