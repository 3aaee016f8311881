using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

public sealed class PagePoolTests
{
    /// <summary>The longest any test waits for another thread; well above what a passing test needs.</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    private static List<Page> RentAll(PagePool pool)
    {
        var pages = new List<Page>();
        while (pool.TryRent(AllocFlags.NoWait, out Page page))
        {
            pages.Add(page);
        }

        Assert.Equal(pool.PageCount, pages.Count);
        Assert.Equal(0, pool.FreeCount);
        return pages;
    }

    /// <summary>A shrinker that gives back pages the test parked with it.</summary>
    private static TestShrinker PageHoard(PagePool pool, List<Page> hoard, AllocFlags required)
    {
        return new TestShrinker("page-hoard", required)
        {
            OnCount = () => hoard.Count,
            OnScan = control =>
            {
                int freed = 0;
                while (freed < control.ToScan && hoard.Count > 0)
                {
                    pool.Return(hoard[hoard.Count - 1]);
                    hoard.RemoveAt(hoard.Count - 1);
                    freed++;
                }

                return freed;
            },
        };
    }

    [Fact]
    public void New_pool_has_every_page_free()
    {
        var pool = new PagePool(8, 128);

        Assert.Equal(8, pool.PageCount);
        Assert.Equal(128, pool.PageSize);
        Assert.Equal(8, pool.FreeCount);
        Assert.NotNull(pool.Shrinkers);
        Assert.Equal(TimeSpan.FromSeconds(1), pool.ReclaimWait);
    }

    [Fact]
    public void Default_page_size_is_4096_and_the_given_registry_is_used()
    {
        var registry = new ShrinkerRegistry();

        var pool = new PagePool(2, shrinkers: registry);

        Assert.Equal(4096, pool.PageSize);
        Assert.Same(registry, pool.Shrinkers);
        Assert.True(pool.TryRent(AllocFlags.NoWait, out Page page), "A fresh pool has a free page.");
        Assert.Equal(4096, page.Memory.Count);
    }

    [Theory]
    [InlineData(0, 4096, "pageCount")]
    [InlineData(-1, 4096, "pageCount")]
    [InlineData(int.MinValue, 4096, "pageCount")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, -4096, "pageSize")]
    [InlineData(2, 1073741824, "pageCount")]
    [InlineData(int.MaxValue, 2, "pageCount")]
    public void Constructor_rejects_bad_sizes(int pageCount, int pageSize, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PagePool(pageCount, pageSize));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Constructor_rejects_a_block_larger_than_an_array_can_be()
    {
        // 1 x int.MaxValue bytes passes the 'exceeds 2 GiB' check but is longer than any byte[] can be.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PagePool(1, int.MaxValue));

        Assert.Equal("pageCount", error.ParamName);
    }

    [Fact]
    public void ReclaimWait_rejects_negative_values_and_accepts_zero()
    {
        var pool = new PagePool(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.ReclaimWait = TimeSpan.FromMilliseconds(-1));
        Assert.Equal(TimeSpan.FromSeconds(1), pool.ReclaimWait);

        pool.ReclaimWait = TimeSpan.Zero;
        Assert.Equal(TimeSpan.Zero, pool.ReclaimWait);
    }

    [Fact]
    public void Dry_pool_fails_NoWait_at_once_without_reclaim()
    {
        var pool = new PagePool(4, 64) { ReclaimWait = Bounded };
        var hoard = new List<Page>();
        TestShrinker shrinker = PageHoard(pool, hoard, AllocFlags.None);
        pool.Shrinkers.Register(shrinker);
        hoard.AddRange(RentAll(pool));

        bool rented = pool.TryRent(AllocFlags.NoWait, out Page page);

        Assert.False(rented, "A NoWait request on a dry pool must fail.");
        Assert.Equal(default, page);
        Assert.Null(page.Pool);
        Assert.Empty(shrinker.CountCalls);
        Assert.Equal(4, hoard.Count);
    }

    [Fact]
    public void Dry_pool_fails_inside_reclaim_without_waiting()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = Bounded };
        RentAll(pool);

        bool rented;
        using (NoReclaimScope.Enter())
        {
            rented = pool.TryRent(AllocFlags.Default, out _);
        }

        Assert.False(rented, "A request that may not reclaim must fail on a dry pool.");
        Assert.Equal(0, pool.Shrinkers.Statistics.Runs);
    }

    [Fact]
    public void Rent_NoWait_on_a_dry_pool_throws_PagePoolExhaustedException()
    {
        var pool = new PagePool(2, 64);
        RentAll(pool);

        var error = Assert.Throws<PagePoolExhaustedException>(() => pool.Rent(AllocFlags.NoWait));

        Assert.Equal(AllocFlags.NoWait, error.RequestedFlags);
        Assert.Equal(AllocFlags.NoWait, error.EffectiveFlags);
        Assert.Contains("2", error.Message);
    }

    [Fact]
    public void Rent_Default_on_a_dry_pool_without_shrinkers_throws_after_the_wait()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.FromMilliseconds(50) };
        RentAll(pool);

        var error = Assert.Throws<PagePoolExhaustedException>(() => pool.Rent(AllocFlags.Default));

        Assert.Equal(AllocFlags.Default, error.RequestedFlags);
        Assert.Equal(AllocFlags.Default, error.EffectiveFlags);
        Assert.True(pool.Shrinkers.Statistics.Runs >= 1, "The pool must try reclaim before giving up.");
    }

    [Fact]
    public void Rent_with_zero_ReclaimWait_reclaims_once_and_fails()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.Zero };
        RentAll(pool);

        Assert.Throws<PagePoolExhaustedException>(() => pool.Rent(AllocFlags.Default));

        Assert.Equal(1, pool.Shrinkers.Statistics.Runs);
    }

    [Fact]
    public void Returned_page_can_be_rented_again()
    {
        var pool = new PagePool(3, 64);
        List<Page> pages = RentAll(pool);

        pool.Return(pages[1]);

        Assert.Equal(1, pool.FreeCount);
        Assert.True(pool.TryRent(AllocFlags.NoWait, out Page again), "The returned page must be available.");
        Assert.Equal(pages[1], again);
        Assert.Equal(pages[1].Index, again.Index);
        Assert.Same(pool, again.Pool);
        Assert.Equal(0, pool.FreeCount);
    }

    [Fact]
    public void Returning_a_page_twice_throws()
    {
        var pool = new PagePool(2, 64);
        Page page = pool.Rent(AllocFlags.NoWait);
        pool.Return(page);

        var error = Assert.Throws<InvalidOperationException>(() => pool.Return(page));

        Assert.Contains($"Page {page.Index}", error.Message);
        Assert.Equal(2, pool.FreeCount);
    }

    [Fact]
    public void Returning_default_throws_ArgumentException()
    {
        var pool = new PagePool(1, 64);
        Page held = pool.Rent(AllocFlags.NoWait);

        var error = Assert.Throws<ArgumentException>(() => pool.Return(default));

        Assert.Equal("page", error.ParamName);
        Assert.Contains("default", error.Message);
        Assert.Equal(0, pool.FreeCount);
        pool.Return(held);
    }

    [Fact]
    public void Returning_another_pools_page_throws_ArgumentException()
    {
        var pool = new PagePool(1, 64);
        var other = new PagePool(1, 64);
        Page held = pool.Rent(AllocFlags.NoWait);
        Page foreign = other.Rent(AllocFlags.NoWait);

        var error = Assert.Throws<ArgumentException>(() => pool.Return(foreign));

        Assert.Equal("page", error.ParamName);
        Assert.Contains("another pool", error.Message);
        Assert.Equal(0, pool.FreeCount);
        Assert.Equal(0, other.FreeCount);

        // Same index, different pool: not the same page.
        Assert.Equal(held.Index, foreign.Index);
        Assert.NotEqual(held, foreign);
    }

    [Fact]
    public void Pages_do_not_overlap()
    {
        const int PageSize = 64;
        var pool = new PagePool(8, PageSize);
        List<Page> pages = RentAll(pool);

        Assert.Equal(Enumerable.Range(0, 8), pages.Select(p => p.Index).OrderBy(i => i));
        var ranges = pages.Select(p => p.Memory).OrderBy(m => m.Offset).ToList();
        for (int i = 0; i < ranges.Count; i++)
        {
            Assert.Equal(PageSize, ranges[i].Count);
            if (i > 0)
            {
                Assert.True(
                    ranges[i - 1].Offset + ranges[i - 1].Count <= ranges[i].Offset,
                    $"Page at offset {ranges[i - 1].Offset} overlaps page at offset {ranges[i].Offset}.");
            }
        }

        foreach (Page page in pages)
        {
            page.Memory.AsSpan().Fill((byte)(page.Index + 1));
        }

        foreach (Page page in pages)
        {
            byte expected = (byte)(page.Index + 1);
            byte[] bytes = page.Memory.ToArray();
            Assert.True(bytes.All(b => b == expected), $"Page {page.Index} was overwritten by another page's writes.");
        }
    }

    [Fact]
    public void Dry_pool_reclaims_a_page_from_a_shrinker()
    {
        var pool = new PagePool(2, 64) { ReclaimWait = TimeSpan.FromMilliseconds(50) };
        var hoard = new List<Page>();
        TestShrinker shrinker = PageHoard(pool, hoard, AllocFlags.Fs);
        pool.Shrinkers.Register(shrinker);
        List<Page> pages = RentAll(pool);
        hoard.Add(pages[0]);

        Page page = pool.Rent(AllocFlags.Default);

        Assert.Equal(pages[0], page);
        Assert.Empty(hoard);
        Assert.Equal(1, Assert.Single(shrinker.ScanCalls).ToScan);
        Assert.Equal(1, pool.Shrinkers.Statistics.Freed);
        Assert.Equal(0, pool.FreeCount);
    }

    [Fact]
    public void Under_NoFsScope_a_filesystem_shrinker_is_not_called_and_Rent_fails_after_the_wait()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.FromMilliseconds(50) };
        var hoard = new List<Page>();
        TestShrinker shrinker = PageHoard(pool, hoard, AllocFlags.Fs);
        pool.Shrinkers.Register(shrinker);
        hoard.AddRange(RentAll(pool));

        PagePoolExhaustedException error;
        using (Memalloc.NoFsScope.Enter())
        {
            error = Assert.Throws<PagePoolExhaustedException>(() => pool.Rent(AllocFlags.Default));
        }

        Assert.Equal(AllocFlags.Default, error.RequestedFlags);
        Assert.Equal(AllocFlags.NoFs, error.EffectiveFlags);
        Assert.Empty(shrinker.CountCalls);
        Assert.Empty(shrinker.ScanCalls);
        Assert.Single(hoard);
        Assert.True(pool.Shrinkers.Statistics.SkippedForFlags >= 1, "The Fs shrinker must be counted as skipped for flags.");
        Assert.Equal(0, pool.Shrinkers.Statistics.Freed);

        // Outside the scope the same request may call the shrinker.
        Page page = pool.Rent(AllocFlags.Default);
        Assert.Equal(0, page.Index);
        Assert.Single(shrinker.ScanCalls);
    }

    [Fact]
    public void Under_a_reclaim_unsafe_lock_a_filesystem_shrinker_is_not_called()
    {
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.FromMilliseconds(50) };
        var hoard = new List<Page>();
        TestShrinker shrinker = PageHoard(pool, hoard, AllocFlags.Fs);
        pool.Shrinkers.Register(shrinker);
        hoard.AddRange(RentAll(pool));
        var inodeLock = new ReclaimAwareLock(nameof(Under_a_reclaim_unsafe_lock_a_filesystem_shrinker_is_not_called), reclaimUnsafe: true);

        bool rented;
        using (inodeLock.Acquire())
        {
            rented = pool.TryRent(AllocFlags.Default, out _);
        }

        Assert.False(rented, "The only way to a page is the Fs shrinker, which a reclaim-unsafe lock forbids.");
        Assert.Empty(shrinker.ScanCalls);
    }

    [Fact]
    public void Page_returned_by_another_thread_wakes_a_waiting_Rent()
    {
        // ReclaimWait is far longer than the join below: the Rent must end because the page came back.
        var pool = new PagePool(1, 64) { ReclaimWait = TimeSpan.FromSeconds(60) };
        Page held = pool.Rent(AllocFlags.NoWait);
        Page? rented = null;
        Exception? failure = null;
        var waiter = new Thread(() =>
        {
            try
            {
                rented = pool.Rent(AllocFlags.Default);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };

        waiter.Start();

        // The waiter has run reclaim (and found nothing) once it is in the wait loop.
        Assert.True(
            SpinWait.SpinUntil(() => pool.Shrinkers.Statistics.Runs >= 1, Bounded),
            "The waiting Rent never ran reclaim.");
        Assert.True(waiter.IsAlive, "Rent must still be waiting while no page is free.");

        pool.Return(held);

        Assert.True(waiter.Join(Bounded), "Returning a page did not wake the waiting Rent.");
        Assert.Null(failure);
        Assert.Equal(held, rented);
        Assert.Equal(0, pool.FreeCount);
    }

    [Fact]
    public void Concurrent_rent_and_return_never_hands_out_a_page_twice()
    {
        var pool = new PagePool(4, 16) { ReclaimWait = Bounded };
        var owners = new int[pool.PageCount];
        const int Threads = 8;
        const int Iterations = 500;
        ParallelThreads.Run(Threads, t =>
        {
            int me = t + 1;
            for (int i = 0; i < Iterations; i++)
            {
                Page page = pool.Rent(AllocFlags.Default);
                int previous = Interlocked.Exchange(ref owners[page.Index], me);
                if (previous != 0)
                {
                    throw new InvalidOperationException($"Page {page.Index} rented by thread {me} while thread {previous} holds it.");
                }

                Interlocked.Exchange(ref owners[page.Index], 0);
                pool.Return(page);
            }
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(pool.PageCount, pool.FreeCount);
    }
}
