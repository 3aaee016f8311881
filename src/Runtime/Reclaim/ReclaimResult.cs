namespace Memalloc
{
    /// <summary>What one <see cref="DirectReclaim.Run(ShrinkerRegistry, AllocFlags, long)"/> did.</summary>
    public readonly struct ReclaimResult
    {
        internal ReclaimResult(AllocFlags flags, long freed, int shrinkersRun, int shrinkersSkipped, bool refused)
        {
            Flags = flags;
            Freed = freed;
            ShrinkersRun = shrinkersRun;
            ShrinkersSkipped = shrinkersSkipped;
            Refused = refused;
        }

        /// <summary>The effective flags reclaim ran under.</summary>
        public AllocFlags Flags { get; }

        /// <summary>Objects the shrinkers freed.</summary>
        public long Freed { get; }

        /// <summary>Shrinkers whose <see cref="IShrinker.Scan(ShrinkControl)"/> ran.</summary>
        public int ShrinkersRun { get; }

        /// <summary>Shrinkers skipped because the effective flags lack their <see cref="IShrinker.RequiredFlags"/>.</summary>
        public int ShrinkersSkipped { get; }

        /// <summary>
        /// Reclaim did not run at all: the effective flags lack <see cref="AllocFlags.DirectReclaim"/>
        /// (a <see cref="AllocFlags.NoWait"/> request, a <see cref="NoReclaimScope"/>, or reclaim
        /// already running on this thread).
        /// </summary>
        public bool Refused { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            Refused
                ? $"reclaim refused under {Flags}"
                : $"freed {Freed} under {Flags}: {ShrinkersRun} shrinker(s) run, {ShrinkersSkipped} skipped";
    }
}
