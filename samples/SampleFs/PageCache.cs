using System;
using System.Collections.Generic;
using Memalloc;

namespace SampleFs;

/// <summary>
/// Cached pages of every inode, with an LRU list (oldest first). One gate guards the map, the list
/// and every page's flags and bytes; I/O and allocation happen outside it.
/// </summary>
internal sealed class PageCache
{
    private readonly object _gate = new();
    private readonly Dictionary<(int Inode, long Index), CachedPage> _pages = new();
    private readonly LinkedList<CachedPage> _lru = new();

    /// <summary>How many times each page has been dropped: a load that overlapped a drop of its page read stale bytes and is discarded.</summary>
    private readonly Dictionary<(int Inode, long Index), long> _drops = new();
    private readonly PagePool _pool;
    private readonly BackingStore _store;

    internal PageCache(PagePool pool, BackingStore store)
    {
        _pool = pool;
        _store = store;
    }

    internal int PageSize => _pool.PageSize;

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>Copies <paramref name="data"/> into the cached pages of <paramref name="inode"/> at <paramref name="offset"/>, loading or allocating pages (with reclaim) as needed; the pages become dirty.</summary>
    [MayReclaim]
    internal void Write(Inode inode, long offset, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            long index = offset / PageSize;
            int within = (int)(offset % PageSize);
            int count = Math.Min(PageSize - within, data.Length);
            while (!TryWriteCached(inode, index, within, data.Slice(0, count)))
            {
                Load(inode, index);
            }

            offset += count;
            data = data.Slice(count);
        }
    }

    /// <summary>Copies bytes of <paramref name="inode"/> at <paramref name="offset"/> into <paramref name="into"/>, through the cache; returns how many (short at end of file).</summary>
    [MayReclaim]
    internal int Read(Inode inode, long offset, Span<byte> into)
    {
        int total = 0;
        while (!into.IsEmpty)
        {
            long index = offset / PageSize;
            int within = (int)(offset % PageSize);
            int count = Math.Min(PageSize - within, into.Length);
            int read;
            while ((read = TryReadCached(inode, index, within, into.Slice(0, count), offset)) < 0)
            {
                Load(inode, index);
            }

            total += read;
            if (read < count)
            {
                break;
            }

            offset += count;
            into = into.Slice(count);
        }

        return total;
    }

    internal long SizeOf(Inode inode)
    {
        lock (_gate)
        {
            return inode.Size;
        }
    }

    /// <summary>Marks the dirty pages of <paramref name="inode"/> under writeback and returns them; the caller must call <see cref="EndWriteback"/> for each.</summary>
    internal List<CachedPage> BeginWriteback(Inode inode)
    {
        var dirty = new List<CachedPage>();
        lock (_gate)
        {
            foreach (CachedPage page in _lru)
            {
                if (page.Inode == inode && page.Dirty && !page.UnderWriteback)
                {
                    page.Dirty = false;
                    page.UnderWriteback = true;
                    inode.DirtyPages--;
                    dirty.Add(page);
                }
            }
        }

        dirty.Sort((a, b) => a.Index.CompareTo(b.Index));
        return dirty;
    }

    /// <summary>A stable copy of the page for I/O while writers keep going (they redirty the page).</summary>
    internal void CopyForWriteback(CachedPage page, Page bounce)
    {
        lock (_gate)
        {
            ArraySegment<byte> from = page.Page.Memory;
            Array.Copy(from.Array!, from.Offset, bounce.Memory.Array!, bounce.Memory.Offset, from.Count);
        }
    }

    /// <summary>No bounce page: write the page itself, holding the gate so it stays stable.</summary>
    internal void WriteInPlace(CachedPage page)
    {
        lock (_gate)
        {
            _store.WritePage(page.Inode.Number, page.Index, page.Page.Memory);
        }
    }

    internal void EndWriteback(CachedPage page)
    {
        lock (_gate)
        {
            page.UnderWriteback = false;
        }
    }

    /// <summary>The inode of the oldest page that is dirty or under writeback (reclaim must wait for that writeback to free it), or null.</summary>
    internal Inode? OldestInodeNeedingWriteback()
    {
        lock (_gate)
        {
            foreach (CachedPage page in _lru)
            {
                if (page.Dirty || page.UnderWriteback)
                {
                    return page.Inode;
                }
            }
        }

        return null;
    }

    /// <summary>Inodes that have dirty pages now.</summary>
    internal List<Inode> DirtyInodes()
    {
        var inodes = new HashSet<Inode>();
        lock (_gate)
        {
            foreach (CachedPage page in _lru)
            {
                if (page.Dirty)
                {
                    inodes.Add(page.Inode);
                }
            }
        }

        return new List<Inode>(inodes);
    }

    internal int CleanCount()
    {
        int clean = 0;
        lock (_gate)
        {
            foreach (CachedPage page in _lru)
            {
                if (!page.Dirty && !page.UnderWriteback)
                {
                    clean++;
                }
            }
        }

        return clean;
    }

    /// <summary>Drops up to <paramref name="max"/> clean pages, oldest first, giving them back to the pool; returns how many.</summary>
    internal int DropClean(long max)
    {
        int dropped = 0;
        lock (_gate)
        {
            LinkedListNode<CachedPage>? node = _lru.First;
            while (node is not null && dropped < max)
            {
                LinkedListNode<CachedPage>? next = node.Next;
                CachedPage page = node.Value;
                if (!page.Dirty && !page.UnderWriteback)
                {
                    Remove(page);
                    dropped++;
                }

                node = next;
            }
        }

        return dropped;
    }

    private bool TryWriteCached(Inode inode, long index, int within, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (!_pages.TryGetValue((inode.Number, index), out CachedPage? page))
            {
                return false;
            }

            ArraySegment<byte> memory = page.Page.Memory;
            data.CopyTo(memory.AsSpan(within));
            if (!page.Dirty)
            {
                page.Dirty = true;
                inode.DirtyPages++;
            }

            inode.Size = Math.Max(inode.Size, (index * PageSize) + within + data.Length);
            Touch(page);
            return true;
        }
    }

    /// <returns>Bytes copied, or -1 when the page is not cached.</returns>
    private int TryReadCached(Inode inode, long index, int within, Span<byte> into, long offset)
    {
        lock (_gate)
        {
            long available = inode.Size - offset;
            if (available <= 0)
            {
                return 0;
            }

            if (!_pages.TryGetValue((inode.Number, index), out CachedPage? page))
            {
                return -1;
            }

            int count = (int)Math.Min(available, into.Length);
            page.Page.Memory.AsSpan(within, count).CopyTo(into);
            Touch(page);
            return count;
        }
    }

    /// <summary>
    /// Allocates a page (the pool may reclaim: this is the write path, not writeback) and fills it
    /// from the store, outside the gate. If the page was cached meanwhile, or dropped (written back
    /// by someone else) while the store was read, this copy may be stale and is discarded; the
    /// caller looks again.
    /// </summary>
    [MayReclaim]
    private void Load(Inode inode, long index)
    {
        (int, long) key = (inode.Number, index);
        long dropsBefore;
        lock (_gate)
        {
            dropsBefore = _drops.TryGetValue(key, out long d) ? d : 0;
        }

        Page fresh = _pool.Rent(AllocFlags.Default);
        _store.ReadPage(inode.Number, index, fresh.Memory);
        lock (_gate)
        {
            long dropsAfter = _drops.TryGetValue(key, out long d) ? d : 0;
            if (_pages.ContainsKey(key) || dropsAfter != dropsBefore)
            {
                _pool.Return(fresh);
                return;
            }

            var page = new CachedPage(inode, index, fresh);
            _pages.Add(key, page);
            page.Lru = _lru.AddLast(page);
            inode.CachedPages++;
        }
    }

    private void Touch(CachedPage page)
    {
        _lru.Remove(page.Lru!);
        _lru.AddLast(page.Lru!);
    }

    private void Remove(CachedPage page)
    {
        (int, long) key = (page.Inode.Number, page.Index);
        _pages.Remove(key);
        _drops[key] = _drops.TryGetValue(key, out long drops) ? drops + 1 : 1;
        _lru.Remove(page.Lru!);
        page.Lru = null;
        page.Inode.CachedPages--;
        _pool.Return(page.Page);
    }
}
