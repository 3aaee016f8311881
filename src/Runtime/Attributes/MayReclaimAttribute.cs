using System;

namespace Memalloc
{
    /// <summary>
    /// Declares that a method or constructor may enter direct reclaim, and so may call back into a
    /// filesystem, unless the calling thread is under a scope (the allocator honours
    /// <see cref="MemallocContext.Effective(AllocFlags)"/>). The analyzers treat a call to it from a
    /// writeback callback, outside a scope, as a potential reclaim deadlock. Put it on public
    /// allocators so that callers in other assemblies see it; matched by name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = false)]
    public sealed class MayReclaimAttribute : Attribute
    {
    }
}
