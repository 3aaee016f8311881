using System;

namespace Memalloc
{
    /// <summary>
    /// Reclaim on the allocating thread, as an allocator that ran dry calls it (the kernel's
    /// <c>try_to_free_pages</c>): it narrows the request by the thread's scopes, runs the shrinkers
    /// the narrowed flags allow, and does so under <see cref="NoReclaimScope"/>, as the kernel runs
    /// reclaim under <c>PF_MEMALLOC</c>, so that nothing a shrinker allocates recurses into reclaim.
    /// </summary>
    public static class DirectReclaim
    {
        /// <summary>
        /// Frees up to about <paramref name="target"/> objects from <paramref name="shrinkers"/> for a
        /// request made with <paramref name="requested"/>. With the effective flags lacking
        /// <see cref="AllocFlags.DirectReclaim"/> nothing runs (<see cref="ReclaimResult.Refused"/>);
        /// shrinkers whose <see cref="IShrinker.RequiredFlags"/> the effective flags lack are skipped:
        /// under a <see cref="NoFsScope"/>, no filesystem shrinker and no writeback runs.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="shrinkers"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not positive.</exception>
        /// <exception cref="InvalidOperationException">A shrinker returned a negative count other than <see cref="ShrinkControl.Stop"/>.</exception>
        [MayReclaim]
        public static ReclaimResult Run(ShrinkerRegistry shrinkers, AllocFlags requested, long target)
        {
            if (shrinkers is null)
            {
                throw new ArgumentNullException(nameof(shrinkers));
            }

            if (target <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, "Ask reclaim to free at least one object.");
            }

            AllocFlags effective = MemallocContext.Effective(requested);
            ReclaimResult result = (effective & AllocFlags.DirectReclaim) == 0
                ? new ReclaimResult(effective, 0, 0, 0, refused: true)
                : RunShrinkers(shrinkers.Snapshot(), effective, target);
            shrinkers.Statistics.Record(result);
            return result;
        }

        private static ReclaimResult RunShrinkers(IShrinker[] shrinkers, AllocFlags effective, long target)
        {
            MemallocValidator.MightAlloc(effective);
            using NoReclaimScope noRecursion = NoReclaimScope.Enter();
            using ReclaimSection section = MemallocValidator.EnterReclaim(effective);
            long freed = 0;
            int run = 0;
            int skipped = 0;
            foreach (IShrinker shrinker in shrinkers)
            {
                if ((effective & shrinker.RequiredFlags) != shrinker.RequiredFlags)
                {
                    skipped++;
                    continue;
                }

                long available = shrinker.Count(new ShrinkControl(effective, 0));
                if (available <= 0)
                {
                    continue;
                }

                long scanned = shrinker.Scan(new ShrinkControl(effective, Math.Min(available, target - freed)));
                run++;
                if (scanned == ShrinkControl.Stop)
                {
                    continue;
                }

                if (scanned < 0)
                {
                    throw new InvalidOperationException(
                        $"Shrinker '{shrinker.Name}' returned {scanned} from Scan; return the number of objects freed (0 or more) or ShrinkControl.Stop.");
                }

                freed += scanned;
                if (freed >= target)
                {
                    break;
                }
            }

            return new ReclaimResult(effective, freed, run, skipped, refused: false);
        }
    }
}
