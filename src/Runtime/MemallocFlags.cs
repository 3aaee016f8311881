using System;

namespace Memalloc
{
    /// <summary>
    /// The per-thread allocation-context flags, the managed analogue of the Linux task flags
    /// <c>PF_MEMALLOC_NOFS</c>, <c>PF_MEMALLOC_NOIO</c> and <c>PF_MEMALLOC</c>. Scopes set them;
    /// <see cref="MemallocContext.Effective(AllocFlags)"/> applies them to every allocation request
    /// made on the thread.
    /// </summary>
    [Flags]
    public enum MemallocFlags
    {
        /// <summary>No restriction.</summary>
        None = 0,

        /// <summary>
        /// Allocations on this thread must not recurse into filesystem reclaim
        /// (<c>PF_MEMALLOC_NOFS</c>, set by <c>memalloc_nofs_save()</c>): clears
        /// <see cref="AllocFlags.Fs"/> from every request.
        /// </summary>
        NoFs = 1,

        /// <summary>
        /// Allocations on this thread must not start I/O, filesystem I/O included
        /// (<c>PF_MEMALLOC_NOIO</c>, set by <c>memalloc_noio_save()</c>): clears
        /// <see cref="AllocFlags.Io"/> and <see cref="AllocFlags.Fs"/> from every request.
        /// </summary>
        NoIo = 2,

        /// <summary>
        /// The thread is itself reclaiming memory and must not enter reclaim again
        /// (<c>PF_MEMALLOC</c>, set by <c>memalloc_noreclaim_save()</c>): clears
        /// <see cref="AllocFlags.DirectReclaim"/> from every request.
        /// </summary>
        NoReclaim = 4,
    }
}
