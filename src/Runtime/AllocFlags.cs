using System;

namespace Memalloc
{
    /// <summary>
    /// What an allocation request allows the allocator to do when memory is short: the managed
    /// analogue of the kernel's gfp_t reclaim modifiers. Allocators take a parameter of this type
    /// and pass it through <see cref="MemallocContext.Effective(AllocFlags)"/> before deciding how
    /// to reclaim, so a scope entered by any caller restricts the request.
    /// </summary>
    [Flags]
    public enum AllocFlags
    {
        /// <summary>The allocator may not block or reclaim at all.</summary>
        None = 0,

        /// <summary>The allocator may block and reclaim memory on the calling thread (<c>__GFP_DIRECT_RECLAIM</c>).</summary>
        DirectReclaim = 1,

        /// <summary>Reclaim may start I/O, such as writing dirty pages to a device (<c>__GFP_IO</c>).</summary>
        Io = 2,

        /// <summary>Reclaim may call back into the filesystem: shrink its caches, write back its pages (<c>__GFP_FS</c>).</summary>
        Fs = 4,

        /// <summary>Full reclaim, filesystem included; the analogue of <c>GFP_KERNEL</c>.</summary>
        Default = DirectReclaim | Io | Fs,

        /// <summary>Reclaim without recursing into the filesystem; the analogue of <c>GFP_NOFS</c>.</summary>
        NoFs = DirectReclaim | Io,

        /// <summary>Reclaim without starting any I/O; the analogue of <c>GFP_NOIO</c>.</summary>
        NoIo = DirectReclaim,

        /// <summary>Never block, never reclaim; the analogue of <c>GFP_NOWAIT</c>.</summary>
        NoWait = None,
    }
}
