using System.Threading;

namespace Memalloc
{
    /// <summary>Running totals of what direct reclaim did for one <see cref="ShrinkerRegistry"/>; thread-safe.</summary>
    public sealed class ReclaimStatistics
    {
        private long _runs;
        private long _refused;
        private long _freed;
        private long _shrinkersRun;
        private long _skippedForFlags;

        /// <summary>Reclaim passes that were not refused (their shrinkers may all have been skipped for flags).</summary>
        public long Runs => Volatile.Read(ref _runs);

        /// <summary>Reclaim requests refused because the effective flags lack <see cref="AllocFlags.DirectReclaim"/>.</summary>
        public long Refused => Volatile.Read(ref _refused);

        /// <summary>Objects freed by all shrinkers.</summary>
        public long Freed => Volatile.Read(ref _freed);

        /// <summary>Shrinker scans run.</summary>
        public long ShrinkersRun => Volatile.Read(ref _shrinkersRun);

        /// <summary>Times a shrinker was skipped because the effective flags lacked its <see cref="IShrinker.RequiredFlags"/> (a NoFs or NoIo scope at work).</summary>
        public long SkippedForFlags => Volatile.Read(ref _skippedForFlags);

        /// <inheritdoc/>
        public override string ToString() =>
            $"{Runs} reclaim run(s), {Freed} object(s) freed, {ShrinkersRun} shrinker scan(s), {SkippedForFlags} shrinker(s) skipped for flags, {Refused} refused";

        internal void Record(in ReclaimResult result)
        {
            if (result.Refused)
            {
                Interlocked.Increment(ref _refused);
                return;
            }

            Interlocked.Increment(ref _runs);
            Interlocked.Add(ref _freed, result.Freed);
            Interlocked.Add(ref _shrinkersRun, result.ShrinkersRun);
            Interlocked.Add(ref _skippedForFlags, result.ShrinkersSkipped);
        }
    }
}
