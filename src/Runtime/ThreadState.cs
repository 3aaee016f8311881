using System;
using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// One thread's allocation context: the flags in force and the stack of scopes that set them.
    /// Created on a thread's first scope and reused for the thread's lifetime, so entering and
    /// disposing scopes allocates nothing.
    /// </summary>
    /// <remarks>
    /// Each stack entry remembers the flags its scope asked for and the bits it newly set (owns);
    /// disposing a scope clears only what it owns, which is the memalloc_flags_save/restore
    /// contract since Linux 6.9. The stack exists to tell an out-of-order or repeated dispose from
    /// a correct one; the flags themselves are a single field.
    /// </remarks>
    internal sealed class ThreadState
    {
        /// <summary>A thread that has this many live scopes is entering scopes without disposing them.</summary>
        internal const int MaxDepth = 1 << 16;

        [ThreadStatic]
        private static ThreadState? t_current;

        private Entry[] _entries = new Entry[8];
        private int _count;
        private ulong _lastId;

        internal MemallocFlags Flags;

        internal static MemallocFlags CurrentFlags => t_current?.Flags ?? MemallocFlags.None;

        /// <summary>Scopes entered on this thread that are not yet disposed (for tests and diagnostics).</summary>
        internal static int CurrentDepth => t_current?._count ?? 0;

        internal static ThreadState Current => t_current ?? CreateForThisThread();

        internal static MemallocFlags Save(MemallocFlags flags)
        {
            ThreadState state = Current;
            MemallocFlags newlySet = flags & ~state.Flags;
            state.Flags |= flags;
            return newlySet;
        }

        internal static void Restore(MemallocFlags saved)
        {
            ThreadState? state = t_current;
            if (state is not null)
            {
                state.Flags &= ~saved;
            }
        }

        internal static ScopeToken Enter(MemallocFlags requested)
        {
            ThreadState state = Current;
            int index = state._count;
            if (index == state._entries.Length)
            {
                state.Grow();
            }

            ulong id = ++state._lastId;
            MemallocFlags owned = requested & ~state.Flags;
            state._entries[index] = new Entry(id, requested, owned);
            state._count = index + 1;
            state.Flags |= requested;
            return new ScopeToken(state, id, index);
        }

        internal void Exit(ulong id, int index)
        {
            Entry[] entries = _entries;
            if ((uint)index >= (uint)_count || entries[index].Id != id)
            {
                // Disposed already (a second Dispose, or a copy of a disposed scope): nothing to do.
                return;
            }

            if (index != _count - 1)
            {
                ExitOutOfOrder(index);
                return;
            }

            Flags &= ~entries[index].Owned;
            entries[index] = default;
            int count = index;
            while (count > 0 && entries[count - 1].Id == 0)
            {
                // Entries beneath that were disposed out of order leave with the last scope above them.
                count--;
            }

            _count = count;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ThreadState CreateForThisThread() => t_current = new ThreadState();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Grow()
        {
            if (_entries.Length >= MaxDepth)
            {
                throw new InvalidOperationException(
                    $"{MaxDepth} memalloc scopes are active on this thread: scopes are being entered without being disposed. " +
                    "Enter every scope with 'using' (for example 'using var scope = NoFsScope.Enter();') so that it is disposed on every path.");
            }

            Array.Resize(ref _entries, _entries.Length * 2);
        }

        /// <summary>
        /// A scope is disposed while scopes entered after it are still active. Keeps the thread's
        /// flags right for the scopes that remain (each bit the disposed scope owned passes to the
        /// nearest inner scope that asked for it, or is cleared), then reports the caller's bug.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ExitOutOfOrder(int index)
        {
            Entry disposed = _entries[index];
            MemallocFlags innermost = _entries[_count - 1].Requested;
            MemallocFlags remaining = disposed.Owned;
            for (int i = index + 1; i < _count && remaining != 0; i++)
            {
                if (_entries[i].Id == 0)
                {
                    continue;
                }

                MemallocFlags handedOver = remaining & _entries[i].Requested;
                _entries[i] = _entries[i].WithOwned(_entries[i].Owned | handedOver);
                remaining &= ~handedOver;
            }

            Flags &= ~remaining;
            _entries[index] = default;

            throw new InvalidOperationException(
                $"A memalloc scope with flags '{disposed.Requested}' was disposed while a scope entered after it, with flags '{innermost}', " +
                $"is still active. Scopes must be disposed in the reverse order of entry: dispose the inner '{innermost}' scope first, " +
                "for example by nesting 'using' blocks instead of calling Dispose by hand. " +
                "The thread's flags were kept correct for the scopes that remain active.");
        }

        private readonly struct Entry
        {
            internal Entry(ulong id, MemallocFlags requested, MemallocFlags owned)
            {
                Id = id;
                Requested = requested;
                Owned = owned;
            }

            /// <summary>Non-zero while the scope is live.</summary>
            internal ulong Id { get; }

            internal MemallocFlags Requested { get; }

            internal MemallocFlags Owned { get; }

            internal Entry WithOwned(MemallocFlags owned) => new(Id, Requested, owned);
        }
    }
}
