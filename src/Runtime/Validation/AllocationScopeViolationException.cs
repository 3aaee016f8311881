using System;

namespace Memalloc
{
    /// <summary>
    /// Raised by <see cref="MemallocValidator"/> when an allocation may enter filesystem reclaim while
    /// the thread holds writeback state: reclaim could write back pages of the same filesystem and
    /// wait for this very thread.
    /// </summary>
    public sealed class AllocationScopeViolationException : InvalidOperationException
    {
        internal AllocationScopeViolationException(AllocFlags requested, AllocFlags effective, string section, string writebackStackTrace, string allocationStackTrace)
            : base(
                $"An allocation requested with {requested} (effective {effective}) may enter filesystem reclaim while this thread holds writeback state entered at '{section}'. " +
                "Reclaim could write back pages of the same filesystem and wait for this thread: a deadlock. " +
                "Enter a NoFsScope around the writeback section ('using var scope = NoFsScope.Enter();') or request AllocFlags.NoFs." +
                $"{Environment.NewLine}Writeback state entered at:{Environment.NewLine}{writebackStackTrace}" +
                $"{Environment.NewLine}Allocation at:{Environment.NewLine}{allocationStackTrace}")
        {
            RequestedFlags = requested;
            EffectiveFlags = effective;
            WritebackSection = section;
            WritebackStackTrace = writebackStackTrace;
            AllocationStackTrace = allocationStackTrace;
        }

        /// <summary>The flags the allocation asked for.</summary>
        public AllocFlags RequestedFlags { get; }

        /// <summary>The flags after the thread's scopes narrowed them; they still allow filesystem reclaim.</summary>
        public AllocFlags EffectiveFlags { get; }

        /// <summary>The name given to <see cref="WritebackState.Enter(string)"/> for the innermost section held.</summary>
        public string WritebackSection { get; }

        /// <summary>Where the writeback section was entered.</summary>
        public string WritebackStackTrace { get; }

        /// <summary>Where the allocation was requested.</summary>
        public string AllocationStackTrace { get; }
    }
}
