using System.Threading;

namespace SampleFs;

/// <summary>What the engine did; thread-safe counters.</summary>
public sealed class FileSystemStatistics
{
    private long _writebacks;
    private long _pagesWritten;
    private long _inPlaceWrites;
    private long _pagesDropped;
    private long _inodesEvicted;

    public long Writebacks => Volatile.Read(ref _writebacks);

    public long PagesWritten => Volatile.Read(ref _pagesWritten);

    /// <summary>Pages written without a bounce page because the pool had none to spare under NoFs.</summary>
    public long InPlaceWrites => Volatile.Read(ref _inPlaceWrites);

    public long PagesDropped => Volatile.Read(ref _pagesDropped);

    public long InodesEvicted => Volatile.Read(ref _inodesEvicted);

    public override string ToString() =>
        $"{Writebacks} writeback run(s), {PagesWritten} page(s) written ({InPlaceWrites} in place), {PagesDropped} clean page(s) dropped by reclaim, {InodesEvicted} inode(s) evicted";

    internal void CountWriteback(int pages)
    {
        Interlocked.Increment(ref _writebacks);
        Interlocked.Add(ref _pagesWritten, pages);
    }

    internal void CountInPlaceWrite() => Interlocked.Increment(ref _inPlaceWrites);

    internal void CountDropped(long pages) => Interlocked.Add(ref _pagesDropped, pages);

    internal void CountEvicted(int inodes) => Interlocked.Add(ref _inodesEvicted, inodes);
}
