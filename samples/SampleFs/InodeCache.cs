using System;
using System.Collections.Generic;
using Memalloc;

namespace SampleFs;

/// <summary>
/// In-memory inodes by number. Its lock is reclaim-unsafe: the inode-cache shrinker takes it
/// inside reclaim, so whoever holds it runs under NoFs without saying so.
/// </summary>
internal sealed class InodeCache
{
    private readonly ReclaimAwareLock _lock = new("icache", reclaimUnsafe: true);
    private readonly Dictionary<int, (Inode Inode, int Users)> _inodes = new();
    private readonly BackingStore _store;
    private readonly int _maxInodes;

    internal InodeCache(BackingStore store, int maxInodes)
    {
        _store = store;
        _maxInodes = maxInodes;
    }

    /// <summary>The inode <paramref name="number"/>, loaded from the inode table if needed; pair with <see cref="Release"/>.</summary>
    internal Inode Get(int number)
    {
        if ((uint)number >= (uint)_maxInodes)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"Inode numbers go from 0 to {_maxInodes - 1}.");
        }

        using ReclaimAwareLock.Holder held = _lock.Acquire();
        if (!_inodes.TryGetValue(number, out (Inode Inode, int Users) entry))
        {
            entry = (new Inode(number, _store.ReadInodeSize(number)), 0);
        }

        _inodes[number] = (entry.Inode, entry.Users + 1);
        return entry.Inode;
    }

    internal void Release(Inode inode)
    {
        using ReclaimAwareLock.Holder held = _lock.Acquire();
        (Inode Inode, int Users) entry = _inodes[inode.Number];
        _inodes[inode.Number] = (entry.Inode, entry.Users - 1);
    }

    internal long UnusedCount()
    {
        if (!_lock.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder held))
        {
            return 0;
        }

        using (held)
        {
            long unused = 0;
            foreach ((Inode inode, int users) in _inodes.Values)
            {
                unused += users == 0 && inode.CachedPages == 0 ? 1 : 0;
            }

            return unused;
        }
    }

    /// <summary>Evicts up to <paramref name="max"/> inodes that nobody uses and that have no cached pages; -1 when the cache is busy.</summary>
    internal int EvictUnused(long max)
    {
        if (!_lock.TryAcquire(TimeSpan.Zero, out ReclaimAwareLock.Holder held))
        {
            return -1;
        }

        using (held)
        {
            var victims = new List<Inode>();
            foreach ((Inode inode, int users) in _inodes.Values)
            {
                if (victims.Count < max && users == 0 && inode.CachedPages == 0)
                {
                    victims.Add(inode);
                }
            }

            foreach (Inode victim in victims)
            {
                _store.WriteInodeSize(victim.Number, victim.Size);
                _inodes.Remove(victim.Number);
            }

            return victims.Count;
        }
    }
}
