using System.Threading;
using Memalloc;

namespace SampleFs;

/// <summary>
/// Reclaims page-cache pages: drops clean ones under any flags; when the request may write back
/// (Fs and Io), first writes back the inode of the oldest page that is dirty or under writeback,
/// taking the inode's writeback lock: that waits for writeback already in flight, as the kernel's
/// reclaim waits on pages under writeback. This is where reclaim can wait for the very thread that
/// allocated from inside writeback.
/// </summary>
internal sealed class PageCacheShrinker : IShrinker
{
    private readonly FileSystem _fs;

    internal PageCacheShrinker(FileSystem fs) => _fs = fs;

    public string Name => "page-cache";

    public AllocFlags RequiredFlags => AllocFlags.None;

    public long Count(ShrinkControl control) => _fs.Cache.Count;

    public long Scan(ShrinkControl control)
    {
        long freed = _fs.Cache.DropClean(control.ToScan);
        if (freed >= control.ToScan || !control.MayWriteBack)
        {
            _fs.Statistics.CountDropped(freed);
            return freed;
        }

        Inode? dirty = _fs.Cache.OldestInodeNeedingWriteback();
        if (dirty is not null)
        {
            _fs.Operations.WritePages(dirty, _fs.ShutdownToken);
            freed += _fs.Cache.DropClean(control.ToScan - freed);
        }

        _fs.Statistics.CountDropped(freed);
        return freed;
    }
}
