using System;
using System.Threading;

namespace Memalloc
{
    /// <summary>
    /// A non-recursive lock that the <see cref="MemallocValidator"/> can see. Constructed
    /// reclaim-unsafe (a lock that reclaim may need, such as one a shrinker takes), holding it implies
    /// <see cref="MemallocFlags.NoFs"/> for the holder: allocations under it cannot recurse into
    /// filesystem reclaim, and callers carry no saved flags around. The NoFsScope analyzers treat
    /// code inside <c>using (reclaimUnsafeLock.Acquire())</c> as under a NoFs scope.
    /// </summary>
    /// <remarks>
    /// Taking a lock the thread already holds waits forever (or until the cancellation token fires):
    /// it is a self-deadlock, which the validator reports instead. Holders are ref structs, so a
    /// lock cannot be held across <c>await</c>.
    /// </remarks>
    public sealed class ReclaimAwareLock
    {
        private readonly SemaphoreSlim _semaphore = new(1, 1);
        private int _owner;
        private long _generation;
        private int _waiting;

        /// <summary>Creates a lock of the class <paramref name="name"/>; see <see cref="IsReclaimUnsafe"/> for <paramref name="reclaimUnsafe"/>.</summary>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
        public ReclaimAwareLock(string name, bool reclaimUnsafe = false)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("Name the lock: the name is its class in validator reports (for example \"inode.writeback\").", nameof(name));
            }

            Name = name;
            IsReclaimUnsafe = reclaimUnsafe;
        }

        /// <summary>The lock's class name in validator reports; locks with one name are one class.</summary>
        public string Name { get; }

        /// <summary>Reclaim may need this lock: holding it implies NoFs for the holder (counted per thread, not saved).</summary>
        public bool IsReclaimUnsafe { get; }

        /// <summary>Whether the calling thread holds the lock.</summary>
        public bool IsHeldByCurrentThread => Volatile.Read(ref _owner) == Environment.CurrentManagedThreadId;

        /// <summary>The managed thread id of the holder (<see cref="Environment.CurrentManagedThreadId"/>), or 0 when the lock is free (for diagnostics and watchdogs).</summary>
        public int OwnerManagedThreadId => Volatile.Read(ref _owner);

        /// <summary>Threads blocked in <see cref="Acquire(CancellationToken)"/> or <see cref="TryAcquire(TimeSpan, out Holder)"/> now (for diagnostics and watchdogs).</summary>
        public int WaitingThreads => Volatile.Read(ref _waiting);

        /// <summary>Takes the lock, waiting as long as it takes or until <paramref name="cancellationToken"/> fires.</summary>
        /// <exception cref="OperationCanceledException">The token fired first.</exception>
        /// <exception cref="LockOrderViolationException">The validator is on and taking the lock here could deadlock.</exception>
        public Holder Acquire(CancellationToken cancellationToken = default)
        {
            MemallocValidator.BeforeAcquire(this, mayWait: true);
            Interlocked.Increment(ref _waiting);
            try
            {
                _semaphore.Wait(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            return Acquired();
        }

        /// <summary>
        /// Takes the lock if it becomes free within <paramref name="timeout"/>. With <see cref="TimeSpan.Zero"/>
        /// it is a try-lock: it cannot wait, so the validator neither checks nor orders it (it still
        /// counts as held for what is taken under it), and taking a lock the thread holds returns false.
        /// </summary>
        /// <exception cref="LockOrderViolationException">The validator is on and taking the lock here could deadlock.</exception>
        public bool TryAcquire(TimeSpan timeout, out Holder holder)
        {
            MemallocValidator.BeforeAcquire(this, mayWait: timeout != TimeSpan.Zero, timed: timeout != Timeout.InfiniteTimeSpan);
            bool taken;
            Interlocked.Increment(ref _waiting);
            try
            {
                taken = _semaphore.Wait(timeout);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            holder = taken ? Acquired() : default;
            return taken;
        }

        /// <inheritdoc/>
        public override string ToString() => IsReclaimUnsafe ? $"{Name} (reclaim-unsafe)" : Name;

        private Holder Acquired()
        {
            Volatile.Write(ref _owner, Environment.CurrentManagedThreadId);
            long generation = ++_generation;
            if (IsReclaimUnsafe)
            {
                ThreadState.HoldReclaimUnsafeLock();
            }

            MemallocValidator.Acquired(this);
            return new Holder(this, generation);
        }

        private void Release(long generation)
        {
            if (Volatile.Read(ref _owner) != Environment.CurrentManagedThreadId || _generation != generation)
            {
                throw new InvalidOperationException(
                    $"Lock '{Name}' is released by a holder that no longer owns it: the holder was disposed twice, a copy was disposed, or it is disposed on another thread. " +
                    "Take and release the lock with one 'using' on one thread.");
            }

            MemallocValidator.Released(this);
            if (IsReclaimUnsafe)
            {
                ThreadState.ReleaseReclaimUnsafeLock();
            }

            Volatile.Write(ref _owner, 0);
            _semaphore.Release();
        }

        /// <summary>The lock held; dispose it (with <c>using</c>) to release the lock.</summary>
        public readonly ref struct Holder
        {
            private readonly ReclaimAwareLock? _lock;
            private readonly long _generation;

            internal Holder(ReclaimAwareLock owner, long generation)
            {
                _lock = owner;
                _generation = generation;
            }

            /// <summary>Releases the lock. Disposing <c>default</c> does nothing.</summary>
            /// <exception cref="InvalidOperationException">This holder no longer owns the lock.</exception>
            public void Dispose() => _lock?.Release(_generation);
        }
    }
}
