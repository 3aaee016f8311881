using System;
using System.Collections.Generic;

namespace Memalloc
{
    /// <summary>What the validator tracks for one thread; created the first time the thread enters something while the validator is on.</summary>
    internal sealed class ValidatorThread
    {
        [ThreadStatic]
        private static ValidatorThread? t_current;

        internal static ValidatorThread Current => t_current ??= new ValidatorThread();

        internal static ValidatorThread? IfAny => t_current;

        /// <summary>Numbers the writeback sections entered on this thread, so a stale section can tell it is no longer the one at its depth.</summary>
        internal long NextSectionId { get; set; }

        /// <summary>Writeback sections entered and not yet disposed, innermost last.</summary>
        internal List<WritebackEntry> Sections { get; } = new();

        /// <summary>Locks held (and the <see cref="MemallocValidator.FsReclaim"/> pseudo-lock while reclaim runs), in acquisition order.</summary>
        internal List<HeldLock> Locks { get; } = new();
    }

    /// <summary>A writeback section: its name and where it was entered.</summary>
    internal readonly struct WritebackEntry
    {
        internal WritebackEntry(long id, string name, string stackTrace)
        {
            Id = id;
            Name = name;
            StackTrace = stackTrace;
        }

        internal long Id { get; }

        internal string Name { get; }

        internal string StackTrace { get; }
    }

    /// <summary>A lock the thread holds: its class name, and the instance (null for the pseudo-lock).</summary>
    internal readonly struct HeldLock
    {
        internal HeldLock(string name, ReclaimAwareLock? instance)
        {
            Name = name;
            Instance = instance;
        }

        internal string Name { get; }

        internal ReclaimAwareLock? Instance { get; }
    }
}
