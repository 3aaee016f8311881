using System;
using System.Collections.Generic;

namespace Memalloc
{
    /// <summary>
    /// Raised by <see cref="MemallocValidator"/> when taking a <see cref="ReclaimAwareLock"/> (or
    /// allocating with filesystem reclaim allowed while holding one) would close a cycle in the
    /// order in which locks and <see cref="MemallocValidator.FsReclaim"/> have been taken, or when
    /// a thread takes a lock it already holds. Either can deadlock; this is raised the first time it
    /// is possible, whether or not it deadlocks this time.
    /// </summary>
    public sealed class LockOrderViolationException : InvalidOperationException
    {
        private LockOrderViolationException(string message, IReadOnlyList<string> cycle)
            : base(message)
        {
            Cycle = cycle;
        }

        /// <summary>The lock classes in the cycle, the first repeated at the end (<c>["a", "fs_reclaim", "a"]</c>).</summary>
        public IReadOnlyList<string> Cycle { get; }

        internal static LockOrderViolationException Recursive(string name, bool timed) => new(
            $"This thread already holds lock '{name}' and is taking it again; it would wait for itself {(timed ? "until the timeout" : "forever")}. " +
            "Release the lock before taking it again, or restructure the code so that the inner path does not need it " +
            "(a shrinker or writeback path that takes a lock its caller may hold must not run under that caller: declare the lock reclaim-unsafe).",
            new[] { name, name });

        internal static LockOrderViolationException Inversion(List<string> cycle, List<string> recorded, string here)
        {
            string from = cycle[0];
            string to = cycle[1];
            string message =
                $"Possible deadlock: taking '{to}' while holding '{from}' inverts the order already recorded: {string.Join(" -> ", cycle)}. " +
                (cycle.Contains(MemallocValidator.FsReclaim)
                    ? "A lock that filesystem reclaim takes must not be held while allocating with filesystem reclaim allowed: allocate under a NoFsScope while holding it, or construct it with reclaimUnsafe: true so that holding it implies NoFs. "
                    : "Take these locks in one order everywhere. ") +
                $"{Environment.NewLine}{string.Join(Environment.NewLine, recorded)}" +
                $"{Environment.NewLine}{from} -> {to} now at:{Environment.NewLine}{here}";
            return new LockOrderViolationException(message, cycle.ToArray());
        }
    }
}
