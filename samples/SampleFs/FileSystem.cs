using System;
using System.Threading;
using System.Threading.Tasks;
using Memalloc;

namespace SampleFs;

/// <summary>
/// A small managed filesystem engine on one backing file: inodes, a page cache in a fixed
/// <see cref="PagePool"/>, dirty tracking, a flusher thread, and two shrinkers that direct
/// reclaim runs when the pool is dry.
/// </summary>
public sealed class FileSystem : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IDisposable[] _registrations;
    private Thread? _flusher;
    private Exception? _flusherFailure;

    /// <summary>Creates the engine on a new backing file at <paramref name="path"/> (deleted on dispose).</summary>
    public FileSystem(string path, FileSystemOptions? options = null, AddressSpaceOperations? operations = null)
    {
        Options = options ?? new FileSystemOptions();
        Shrinkers = new ShrinkerRegistry();
        Pool = new PagePool(Options.PoolPages, Options.PageSize, Shrinkers) { ReclaimWait = Options.ReclaimWait };
        Store = new BackingStore(path, Options.MaxInodes, Options.MaxFileSize);
        Cache = new PageCache(Pool, Store);
        Inodes = new InodeCache(Store, Options.MaxInodes);
        Operations = operations ?? new AddressSpaceOperations();
        Operations.Attach(this);
        _registrations = new[] { Shrinkers.Register(new PageCacheShrinker(this)), Shrinkers.Register(new InodeCacheShrinker(this)) };
    }

    public FileSystemOptions Options { get; }

    public PagePool Pool { get; }

    public ShrinkerRegistry Shrinkers { get; }

    public FileSystemStatistics Statistics { get; } = new();

    public AddressSpaceOperations Operations { get; }

    /// <summary>Cancelled when the engine is disposed; every wait in the engine observes it.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>The flusher thread, once started (for watchdogs).</summary>
    public Thread? FlusherThread => _flusher;

    internal PageCache Cache { get; }

    internal BackingStore Store { get; }

    internal InodeCache Inodes { get; }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of inode <paramref name="inode"/> through the page cache; may reclaim.</summary>
    [MayReclaim]
    public void Write(int inode, long offset, ReadOnlySpan<byte> data)
    {
        ThrowIfFlusherFailed();
        Inode node = Inodes.Get(inode);
        try
        {
            Cache.Write(node, offset, data);
        }
        finally
        {
            Inodes.Release(node);
        }
    }

    /// <summary>Reads into <paramref name="into"/> from <paramref name="offset"/> of inode <paramref name="inode"/>; returns the bytes read (short at end of file).</summary>
    [MayReclaim]
    public int Read(int inode, long offset, Span<byte> into)
    {
        Inode node = Inodes.Get(inode);
        try
        {
            return Cache.Read(node, offset, into);
        }
        finally
        {
            Inodes.Release(node);
        }
    }

    /// <summary>The size of inode <paramref name="inode"/>.</summary>
    public long SizeOf(int inode)
    {
        Inode node = Inodes.Get(inode);
        try
        {
            return SizeOf(node);
        }
        finally
        {
            Inodes.Release(node);
        }
    }

    /// <summary>Writes back every dirty inode now, on the calling thread.</summary>
    public void Sync()
    {
        foreach (Inode inode in Cache.DirtyInodes())
        {
            Operations.WritePages(inode, ShutdownToken);
        }
    }

    /// <summary>
    /// Writes back every dirty inode through <see cref="AddressSpaceOperations.WritePagesAsync"/>, one
    /// after the other on the thread pool; returns the number of pages written.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        int written = 0;
        foreach (Inode inode in Cache.DirtyInodes())
        {
            written += await Operations.WritePagesAsync(inode, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>Starts the flusher thread: it writes dirty inodes back every <see cref="FileSystemOptions.FlushInterval"/>.</summary>
    public void StartFlusher()
    {
        if (_flusher is not null)
        {
            throw new InvalidOperationException("The flusher is already running.");
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "SampleFs flusher" };
        _flusher.Start();
    }

    /// <summary>Stops the flusher and every wait in the engine, and deletes the backing file.</summary>
    public void Dispose()
    {
        _shutdown.Cancel();
        _flusher?.Join(TimeSpan.FromSeconds(10));
        foreach (IDisposable registration in _registrations)
        {
            registration.Dispose();
        }

        Store.Dispose();
    }

    internal long SizeOf(Inode inode) => Cache.SizeOf(inode);

    private void FlushLoop()
    {
        try
        {
            while (!_shutdown.Token.WaitHandle.WaitOne(Options.FlushInterval))
            {
                Sync();
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Volatile.Write(ref _flusherFailure, e);
        }
    }

    private void ThrowIfFlusherFailed()
    {
        if (Volatile.Read(ref _flusherFailure) is { } failure)
        {
            throw new InvalidOperationException("The flusher thread failed; see the inner exception.", failure);
        }
    }
}
