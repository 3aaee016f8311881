using Memalloc;

namespace SampleFs;

/// <summary>
/// Evicts unused inodes, writing their size to the inode table: filesystem work, so it declares
/// <see cref="AllocFlags.Fs"/> and direct reclaim skips it under a NoFs scope.
/// </summary>
internal sealed class InodeCacheShrinker : IShrinker
{
    private readonly FileSystem _fs;

    internal InodeCacheShrinker(FileSystem fs) => _fs = fs;

    public string Name => "inode-cache";

    public AllocFlags RequiredFlags => AllocFlags.Fs;

    public long Count(ShrinkControl control) => _fs.Inodes.UnusedCount();

    public long Scan(ShrinkControl control)
    {
        int evicted = _fs.Inodes.EvictUnused(control.ToScan);
        if (evicted < 0)
        {
            return ShrinkControl.Stop;
        }

        _fs.Statistics.CountEvicted(evicted);
        return evicted;
    }
}
