using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Memalloc
{
    /// <summary>
    /// The reference allocator: a fixed number of pages carved from one block, rented with
    /// <see cref="AllocFlags"/> that decide what may happen when none is free. It calls
    /// <see cref="MemallocValidator.MightAlloc(AllocFlags)"/> on every request, runs
    /// <see cref="DirectReclaim"/> when it is dry (with the request narrowed by the thread's scopes),
    /// and then waits a bounded time for a page to come back.
    /// </summary>
    public sealed class PagePool
    {
        /// <summary>The longest byte array the runtime allows (<c>Array.MaxLength</c> on .NET 6+).</summary>
        private const int MaxBlockLength = 0x7FFFFFC7;

        /// <summary>Reclaim passes that freed something but left no page for this request, before the wait is no longer restarted (the kernel's MAX_RECLAIM_RETRIES).</summary>
        private const int MaxProgressRetries = 16;

        private readonly object _gate = new();
        private readonly byte[] _block;
        private readonly Stack<int> _free;
        private readonly bool[] _isFree;
        private TimeSpan _reclaimWait = TimeSpan.FromSeconds(1);

        /// <summary>Creates a pool of <paramref name="pageCount"/> pages of <paramref name="pageSize"/> bytes that reclaims from <paramref name="shrinkers"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the pool would exceed 2 GiB.</exception>
        public PagePool(int pageCount, int pageSize = 4096, ShrinkerRegistry? shrinkers = null)
        {
            if (pageCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageCount), pageCount, "A pool needs at least one page.");
            }

            if (pageSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Pages need at least one byte.");
            }

            if ((long)pageCount * pageSize > MaxBlockLength)
            {
                throw new ArgumentOutOfRangeException(nameof(pageCount), pageCount, $"{pageCount} pages of {pageSize} bytes exceed the {MaxBlockLength:N0} bytes a single block can hold; use fewer or smaller pages.");
            }

            PageCount = pageCount;
            PageSize = pageSize;
            Shrinkers = shrinkers ?? new ShrinkerRegistry();
#if NET5_0_OR_GREATER
            _block = GC.AllocateArray<byte>(pageCount * pageSize, pinned: true);
#else
            _block = new byte[pageCount * pageSize];
#endif
            _free = new Stack<int>(pageCount);
            _isFree = new bool[pageCount];
            for (int i = pageCount - 1; i >= 0; i--)
            {
                _free.Push(i);
                _isFree[i] = true;
            }
        }

        /// <summary>The number of pages.</summary>
        public int PageCount { get; }

        /// <summary>The size of each page in bytes.</summary>
        public int PageSize { get; }

        /// <summary>The shrinkers direct reclaim runs when the pool is dry.</summary>
        public ShrinkerRegistry Shrinkers { get; }

        /// <summary>Pages free now.</summary>
        public int FreeCount
        {
            get
            {
                lock (_gate)
                {
                    return _free.Count;
                }
            }
        }

        /// <summary>How long a request that may reclaim keeps trying when reclaim frees nothing, waiting for another thread to return a page. Default 1 s.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public TimeSpan ReclaimWait
        {
            get => _reclaimWait;
            set => _reclaimWait = value >= TimeSpan.Zero
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The wait cannot be negative; use TimeSpan.Zero not to wait.");
        }

        /// <summary>Rents a page, reclaiming and waiting as <paramref name="flags"/> (narrowed by the thread's scopes) allow.</summary>
        /// <exception cref="PagePoolExhaustedException">No page could be found.</exception>
        /// <exception cref="AllocationScopeViolationException">The validator is on and the request may recurse into filesystem reclaim from a writeback section.</exception>
        [MayReclaim]
        public Page Rent(AllocFlags flags)
        {
            var clock = Stopwatch.StartNew();
            return TryRent(flags, out Page page)
                ? page
                : throw new PagePoolExhaustedException(PageCount, flags, MemallocContext.Effective(flags), clock.Elapsed);
        }

        /// <summary>
        /// Rents a page: a free one if there is one; otherwise, when the effective flags allow
        /// <see cref="AllocFlags.DirectReclaim"/>, runs reclaim again and again while it frees
        /// something (other threads may take what it freed), and fails after <see cref="ReclaimWait"/>
        /// without progress and without a page coming back; a request that may not reclaim fails at once.
        /// </summary>
        /// <exception cref="AllocationScopeViolationException">The validator is on and the request may recurse into filesystem reclaim from a writeback section.</exception>
        [MayReclaim]
        public bool TryRent(AllocFlags flags, out Page page) => TryRent(flags, _reclaimWait, out page);

        /// <summary>
        /// As <see cref="TryRent(AllocFlags, out Page)"/>, giving up after <paramref name="wait"/> without
        /// progress instead of <see cref="ReclaimWait"/>: <see cref="TimeSpan.Zero"/> reclaims while that
        /// frees something but never waits for another thread (for optional memory, such as a bounce
        /// buffer with a fallback; the kernel's <c>__GFP_NORETRY</c> in spirit).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="wait"/> is negative.</exception>
        /// <exception cref="AllocationScopeViolationException">The validator is on and the request may recurse into filesystem reclaim from a writeback section.</exception>
        [MayReclaim]
        public bool TryRent(AllocFlags flags, TimeSpan wait, out Page page)
        {
            if (wait < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait cannot be negative; use TimeSpan.Zero not to wait.");
            }

            MemallocValidator.MightAlloc(flags);
            if (TryTake(out page))
            {
                return true;
            }

            if ((MemallocContext.Effective(flags) & AllocFlags.DirectReclaim) == 0)
            {
                return false;
            }

            // Like the kernel's should_reclaim_retry: keep reclaiming while reclaim makes progress (other
            // threads may take what it freed), at most MaxProgressRetries times; give up after the wait
            // without progress.
            var clock = Stopwatch.StartNew();
            int progressRetries = 0;
            while (true)
            {
                ReclaimResult reclaimed = DirectReclaim.Run(Shrinkers, flags, target: 1);
                if (TryTake(out page))
                {
                    return true;
                }

                if (reclaimed.Freed > 0 && progressRetries++ < MaxProgressRetries)
                {
                    clock.Restart();
                    continue;
                }

                TimeSpan left = wait - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                lock (_gate)
                {
                    if (_free.Count == 0)
                    {
                        Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(10) ? left : TimeSpan.FromMilliseconds(10));
                    }
                }

                if (TryTake(out page))
                {
                    return true;
                }
            }
        }

        /// <summary>Gives a page back.</summary>
        /// <exception cref="ArgumentException">The page is <c>default</c> or belongs to another pool.</exception>
        /// <exception cref="InvalidOperationException">The page is already free (returned twice).</exception>
        public void Return(Page page)
        {
            if (!ReferenceEquals(page.Pool, this))
            {
                throw new ArgumentException(page.Pool is null ? "The page is default, not one rented from this pool." : "The page belongs to another pool; return it to the pool it was rented from.", nameof(page));
            }

            lock (_gate)
            {
                if (_isFree[page.Index])
                {
                    throw new InvalidOperationException($"Page {page.Index} is returned twice; return each rented page once.");
                }

                _isFree[page.Index] = true;
                _free.Push(page.Index);
                Monitor.PulseAll(_gate);
            }
        }

        private bool TryTake(out Page page)
        {
            lock (_gate)
            {
                if (_free.Count > 0)
                {
                    int index = _free.Pop();
                    _isFree[index] = false;
                    page = new Page(this, _block, index, PageSize);
                    return true;
                }
            }

            page = default;
            return false;
        }
    }
}
