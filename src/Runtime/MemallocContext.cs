namespace Memalloc
{
    /// <summary>
    /// The caller's allocation context: what scopes are in force, and what a request may do under
    /// them. The thread scopes (<see cref="NoFsScope"/> and its siblings) and the async scopes
    /// (<see cref="AsyncNoFsScope"/> and its siblings, which follow the logical flow across
    /// <c>await</c>) count together: the context is the union of both.
    /// </summary>
    public static class MemallocContext
    {
        /// <summary>The flags in force for the caller: the union of every active thread scope and every async scope of the current flow.</summary>
        public static MemallocFlags Current => ThreadState.CurrentFlags;

        /// <summary>
        /// The analogue of the kernel's <c>current_gfp_context()</c>: narrows <paramref name="requested"/>
        /// by the caller's flags (<see cref="Current"/>: thread and flow scopes together). <see cref="MemallocFlags.NoIo"/> clears <see cref="AllocFlags.Io"/>
        /// and <see cref="AllocFlags.Fs"/>, <see cref="MemallocFlags.NoFs"/> clears <see cref="AllocFlags.Fs"/>,
        /// <see cref="MemallocFlags.NoReclaim"/> clears <see cref="AllocFlags.DirectReclaim"/>.
        /// Allocators call it to learn what they may do.
        /// </summary>
        public static AllocFlags Effective(AllocFlags requested) => Narrow(requested, ThreadState.CurrentFlags);

        /// <summary>
        /// The raw form of <c>memalloc_flags_save()</c>, for objects that hold a scope for their lifetime
        /// (the XFS transaction stores the result in <c>tp->t_pflags</c>), where a ref struct cannot live.
        /// Sets <paramref name="flags"/> on the calling thread and returns the bits that were newly set;
        /// pass that value to <see cref="Restore(MemallocFlags)"/> on the same thread.
        /// Prefer <see cref="NoFsScope"/> and its siblings wherever a <c>using</c> fits. Never hold the
        /// saved bits across <c>await</c> or <c>yield return</c>: the code after it may run on another
        /// thread, so the bits would be restored on the wrong one (use <see cref="AsyncNoFsScope"/> there).
        /// </summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="flags"/> has bits outside <see cref="MemallocFlags"/>.</exception>
        public static MemallocFlags Save(MemallocFlags flags)
        {
            FlagsValidation.ThrowIfUndefined(flags, nameof(flags));
            return ThreadState.Save(flags);
        }

        /// <summary>
        /// The raw form of <c>memalloc_flags_restore()</c>: clears exactly the bits a matching
        /// <see cref="Save(MemallocFlags)"/> returned. Restoring <see cref="MemallocFlags.None"/> is a no-op.
        /// </summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="saved"/> has bits outside <see cref="MemallocFlags"/>.</exception>
        public static void Restore(MemallocFlags saved)
        {
            FlagsValidation.ThrowIfUndefined(saved, nameof(saved));
            ThreadState.Restore(saved);
        }

        internal static AllocFlags Narrow(AllocFlags requested, MemallocFlags context)
        {
            if ((context & MemallocFlags.NoIo) != 0)
            {
                requested &= ~(AllocFlags.Io | AllocFlags.Fs);
            }
            else if ((context & MemallocFlags.NoFs) != 0)
            {
                requested &= ~AllocFlags.Fs;
            }

            if ((context & MemallocFlags.NoReclaim) != 0)
            {
                requested &= ~AllocFlags.DirectReclaim;
            }

            return requested;
        }
    }
}
