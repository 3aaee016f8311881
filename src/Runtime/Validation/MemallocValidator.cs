using System;
using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// A lockdep-style checker for allocation context, off unless the environment variable
    /// <c>NOFS_VALIDATE=1</c> is set when the process starts or <see cref="Enable"/> is called.
    /// </summary>
    /// <remarks>
    /// <para>It reports two mistakes the first time they are possible, before anything deadlocks:</para>
    /// <list type="bullet">
    /// <item><description>An allocation whose effective flags allow filesystem reclaim while the thread holds
    /// writeback state (<see cref="WritebackState.Enter(string)"/>): <see cref="AllocationScopeViolationException"/>.</description></item>
    /// <item><description>An inversion between <see cref="ReclaimAwareLock"/>s and the pseudo-lock
    /// <c>fs_reclaim</c>, which reclaim "holds" while it may call into a filesystem and which every
    /// allocation that may do so "takes" for a moment: <see cref="LockOrderViolationException"/>.
    /// A lock that a shrinker takes and that a thread holds while allocating with Fs is the classic case.</description></item>
    /// </list>
    /// <para>Lock order is recorded between lock <em>names</em> (lockdep's lock classes): every
    /// <see cref="ReclaimAwareLock"/> with the same name is one class. Nesting two locks of one
    /// class is not recorded (only taking the same instance twice is reported).</para>
    /// <para>Off, <see cref="MightAlloc(AllocFlags)"/> and <see cref="WritebackState.Enter(string)"/>
    /// cost one load and one predictable branch.</para>
    /// </remarks>
    public static class MemallocValidator
    {
        /// <summary>The name of the pseudo-lock that stands for reclaim calling into a filesystem.</summary>
        public const string FsReclaim = "fs_reclaim";

        /// <summary>The environment variable that turns the validator on at start-up when it is <c>1</c>.</summary>
        public const string EnvironmentVariable = "NOFS_VALIDATE";

        private static readonly LockOrderGraph s_lockOrder = new();

        private static volatile bool s_enabled = Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

        /// <summary>Whether the validator is checking.</summary>
        public static bool IsEnabled => s_enabled;

        /// <summary>Turns the validator on for the whole process.</summary>
        public static void Enable() => s_enabled = true;

        /// <summary>
        /// Turns the validator off. Writeback sections and locks entered while it was on are still
        /// unwound correctly.
        /// </summary>
        public static void Disable() => s_enabled = false;

        /// <summary>Forgets the lock order recorded so far (for tests that build their own orders).</summary>
        public static void ResetLockOrder() => s_lockOrder.Clear();

        /// <summary>
        /// The hook an allocator calls on every request, before it allocates (the kernel's
        /// <c>might_alloc()</c>). Checks the request against the thread's writeback state and records
        /// the order between the locks the thread holds and <see cref="FsReclaim"/>.
        /// </summary>
        /// <exception cref="AllocationScopeViolationException">The effective flags allow filesystem reclaim while the thread holds writeback state.</exception>
        /// <exception cref="LockOrderViolationException">A lock held here is also taken inside filesystem reclaim.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void MightAlloc(AllocFlags flags)
        {
            if (s_enabled)
            {
                Check(flags);
            }
        }

        /// <summary>Reclaim with <paramref name="effective"/> flags starts on this thread: it holds <see cref="FsReclaim"/> while it may call into a filesystem.</summary>
        internal static ReclaimSection EnterReclaim(AllocFlags effective)
        {
            if (!s_enabled || (effective & AllocFlags.Fs) == 0)
            {
                return default;
            }

            ValidatorThread thread = ValidatorThread.Current;
            thread.Locks.Add(new HeldLock(FsReclaim, null));
            return new ReclaimSection(thread);
        }

        /// <summary>
        /// Before <paramref name="taken"/> is acquired: report recursion and record (and check) the order
        /// against every lock held. A try-lock that does not wait (<paramref name="mayWait"/> false)
        /// cannot deadlock: like lockdep's trylock, it is neither checked nor ordered, only held.
        /// </summary>
        internal static void BeforeAcquire(ReclaimAwareLock taken, bool mayWait, bool timed = false)
        {
            if (!s_enabled || !mayWait)
            {
                return;
            }

            if (taken.IsHeldByCurrentThread)
            {
                throw LockOrderViolationException.Recursive(taken.Name, timed);
            }

            ValidatorThread? thread = ValidatorThread.IfAny;
            if (thread is null)
            {
                return;
            }

            foreach (HeldLock held in thread.Locks)
            {
                s_lockOrder.Add(held.Name, taken.Name);
            }
        }

        internal static void Acquired(ReclaimAwareLock taken)
        {
            if (s_enabled)
            {
                ValidatorThread.Current.Locks.Add(new HeldLock(taken.Name, taken));
            }
        }

        internal static void Released(ReclaimAwareLock released)
        {
            ValidatorThread? thread = ValidatorThread.IfAny;
            if (thread is null)
            {
                return;
            }

            for (int i = thread.Locks.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(thread.Locks[i].Instance, released))
                {
                    thread.Locks.RemoveAt(i);
                    return;
                }
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Check(AllocFlags requested)
        {
            const AllocFlags FsReclaimFlags = AllocFlags.DirectReclaim | AllocFlags.Fs;
            AllocFlags effective = MemallocContext.Effective(requested);
            ValidatorThread? thread = ValidatorThread.IfAny;
            if ((effective & FsReclaimFlags) != FsReclaimFlags || thread is null)
            {
                return;
            }

            if (thread.Sections.Count > 0)
            {
                WritebackEntry section = thread.Sections[thread.Sections.Count - 1];
                throw new AllocationScopeViolationException(requested, effective, section.Name, section.StackTrace, CallerStackTrace.Capture());
            }

            foreach (HeldLock held in thread.Locks)
            {
                if (held.Instance is not null)
                {
                    s_lockOrder.Add(held.Name, FsReclaim);
                }
            }
        }
    }
}
