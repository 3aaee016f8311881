namespace Memalloc
{
    /// <summary>What one reclaim pass asks of a shrinker (the kernel's <c>struct shrink_control</c>).</summary>
    public readonly struct ShrinkControl
    {
        /// <summary>
        /// Returned by <see cref="IShrinker.Scan(ShrinkControl)"/> when the shrinker cannot make
        /// progress in this context (the kernel's <c>SHRINK_STOP</c>); reclaim moves on to the next shrinker.
        /// </summary>
        public const long Stop = -1;

        /// <summary>Creates a request to free up to <paramref name="toScan"/> objects under <paramref name="flags"/>.</summary>
        public ShrinkControl(AllocFlags flags, long toScan)
        {
            Flags = flags;
            ToScan = toScan;
        }

        /// <summary>The allocation request's effective flags: the request narrowed by the allocating thread's scopes.</summary>
        public AllocFlags Flags { get; }

        /// <summary>How many objects to free at most; 0 in <see cref="IShrinker.Count(ShrinkControl)"/>.</summary>
        public long ToScan { get; }

        /// <summary>The shrinker may call into the filesystem (<see cref="AllocFlags.Fs"/> is set).</summary>
        public bool MayEnterFilesystem => (Flags & AllocFlags.Fs) != 0;

        /// <summary>The shrinker may write dirty filesystem pages back (<see cref="AllocFlags.Fs"/> and <see cref="AllocFlags.Io"/> are set).</summary>
        public bool MayWriteBack => (Flags & (AllocFlags.Fs | AllocFlags.Io)) == (AllocFlags.Fs | AllocFlags.Io);

        /// <inheritdoc/>
        public override string ToString() => $"ShrinkControl {{ Flags = {Flags}, ToScan = {ToScan} }}";
    }
}
