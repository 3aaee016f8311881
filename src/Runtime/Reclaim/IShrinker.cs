namespace Memalloc
{
    /// <summary>
    /// A cache that can give memory back when an allocator runs dry: the managed analogue of the
    /// kernel's <c>struct shrinker</c>. Register it with a <see cref="ShrinkerRegistry"/>;
    /// <see cref="DirectReclaim"/> calls it on the allocating thread.
    /// </summary>
    /// <remarks>
    /// Both methods run under <see cref="NoReclaimScope"/>, so nothing they allocate can recurse into
    /// reclaim. They must not wait for anything the allocating thread may hold; that is what
    /// <see cref="RequiredFlags"/> is for.
    /// </remarks>
    public interface IShrinker
    {
        /// <summary>A short name for statistics and validator reports, such as <c>"inode-cache"</c>.</summary>
        string Name { get; }

        /// <summary>
        /// What the request must allow for this shrinker to run: <see cref="AllocFlags.Fs"/> for a
        /// shrinker that calls into the filesystem (writes back its pages, evicts its inodes),
        /// <see cref="AllocFlags.Io"/> for one that starts I/O without the filesystem,
        /// <see cref="AllocFlags.None"/> for one that only drops clean memory. Direct reclaim skips
        /// the shrinker when the effective flags lack any of these bits. Only
        /// <see cref="AllocFlags.Io"/> and <see cref="AllocFlags.Fs"/> are meaningful here.
        /// </summary>
        AllocFlags RequiredFlags { get; }

        /// <summary>How many objects could be freed now (the kernel's <c>count_objects</c>); 0 when none.</summary>
        long Count(ShrinkControl control);

        /// <summary>
        /// Frees up to <see cref="ShrinkControl.ToScan"/> objects (the kernel's <c>scan_objects</c>)
        /// and returns how many it freed, or <see cref="ShrinkControl.Stop"/> when it cannot make
        /// progress in this context (a lock it needs is contended, the flags forbid the work).
        /// </summary>
        long Scan(ShrinkControl control);
    }
}
