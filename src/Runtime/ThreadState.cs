using System;
using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// One thread's allocation context: the flags in force and the stack of scopes that set them,
    /// kept in <c>[ThreadStatic]</c> fields. Entering and disposing scopes allocates nothing.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The contract is memalloc_flags_save/restore since Linux 6.9: entering a scope sets the flags
    /// it asks for and remembers the bits it newly set (owns); disposing it clears exactly those.
    /// Everything else here exists to tell a correct dispose from a repeated one (a no-op) and from
    /// an out-of-order one (an error that still leaves the flags right).
    /// </para>
    /// <para>
    /// <b>Why the layout looks like this.</b> A scope is entered and disposed around every
    /// allocation-sensitive region, so the common case (disposing the innermost scope) is a handful
    /// of loads and stores inlined into the caller:
    /// </para>
    /// <list type="bullet">
    /// <item><description>
    /// The hot state is two <c>ulong</c> thread statics of this one class, so the JIT resolves the
    /// thread-static base once per method and never touches a heap object. <see cref="t_state"/>
    /// packs the flags, the depth and a sequence counter (one load and one store on enter);
    /// <see cref="t_top"/> is the id of the innermost live scope.
    /// </description></item>
    /// <item><description>
    /// A scope's id is <c>sequence | depth | requested</c>: unique per thread, and it says where the
    /// scope sits and what it asked for. The <see cref="ScopeToken"/> carries the id, the parent's
    /// id and the owned bits, so disposing the innermost scope needs no bookkeeping at all:
    /// <c>if (t_top == id) { clear owned; depth--; t_top = parent; }</c> (see <see cref="Exit"/>).
    /// Everything else goes to <see cref="ExitSlow"/>, which is not inlined, so the <c>using</c>
    /// finally stays small and loop-free and the JIT clones it onto the normal path.
    /// </description></item>
    /// <item><description>
    /// The stack itself (<see cref="t_entries"/>, an array and therefore a GC thread static, which
    /// costs a second thread-static lookup) is written only when a scope is entered inside another:
    /// the enclosing scope's id is recorded at its depth the moment it stops being innermost. The
    /// innermost scope never needs a record because <see cref="t_top"/> names it. The outermost
    /// scope on a thread, the most common case, never touches the array.
    /// </description></item>
    /// <item><description>
    /// A dispose that does not match <see cref="t_top"/> is either stale (the scope is no longer
    /// at its depth in the stack: a second dispose, a copy of a disposed scope, <c>default</c>) or
    /// out of order (the scope is recorded at its depth but is not innermost). The out-of-order
    /// case clears the scope's entry, leaving a hole that unwinds with the scope above it, and
    /// sets <see cref="t_top"/> to <see cref="Holes"/>, a value that is never an id, so every
    /// dispose down to the hole takes the slow path; scopes entered afterwards still take the fast
    /// path, because their parent is <see cref="Holes"/> and disposing them restores it.
    /// </description></item>
    /// </list>
    /// <para>
    /// The sequence counter has 44 bits: ids repeat after 2^44 scopes on one thread (hours of doing
    /// nothing else). A stale token could be mistaken for a live scope only if it were disposed
    /// again a multiple of 2^44 scopes later and that scope had the same depth and flags.
    /// </para>
    /// </remarks>
    internal static class ThreadState
    {
        /// <summary>A thread that has this many live scopes is entering scopes without disposing them.</summary>
        internal const int MaxDepth = 1 << 16;

        /// <summary>Bits 0-2 of <see cref="t_state"/> and of an id: flags.</summary>
        private const ulong FlagsMask = 7;

        private const int DepthShift = 3;

        /// <summary>Bits 3-19 of <see cref="t_state"/> and of an id: the depth, 0 to <see cref="MaxDepth"/>.</summary>
        private const ulong DepthMask = 0x1FFFFUL << DepthShift;

        private const ulong DepthUnit = 1UL << DepthShift;

        /// <summary>Bits 20-63 of <see cref="t_state"/> and of an id: the sequence number.</summary>
        private const ulong SequenceUnit = 1UL << 20;

        /// <summary>
        /// <see cref="t_top"/> while scopes disposed out of order leave holes in the stack. Every id
        /// has a depth of at least 1, so it is at least <see cref="DepthUnit"/>, and this is not one.
        /// </summary>
        private const ulong Holes = 1;

        /// <summary><c>sequence &lt;&lt; 20 | depth &lt;&lt; 3 | flags</c>; zero on a thread that never entered a scope.</summary>
        [ThreadStatic]
        private static ulong t_state;

        /// <summary>The id of the innermost live scope; 0 when there is none, <see cref="Holes"/> while holes remain.</summary>
        [ThreadStatic]
        private static ulong t_top;

        /// <summary>
        /// <c>t_entries[d]</c> is the id of the live scope at depth <c>d</c> (1-based), or 0 for a hole.
        /// Valid below the innermost scope, and for the innermost one too while <see cref="t_top"/>
        /// is <see cref="Holes"/>; entries at or above the depth are leftovers.
        /// </summary>
        [ThreadStatic]
        private static ulong[]? t_entries;

        /// <summary>Slow path only: bits handed to a scope by an outer scope disposed out of order, by depth.</summary>
        [ThreadStatic]
        private static MemallocFlags[]? t_handedOver;

        /// <summary>Slow path only: the number of holes in the stack.</summary>
        [ThreadStatic]
        private static int t_holes;

        /// <summary>
        /// Reclaim-unsafe <see cref="ReclaimAwareLock"/>s the thread holds. Holding one implies
        /// <see cref="MemallocFlags.NoFs"/>; the locks are counted, not saved, so they never interact
        /// with the scopes' owned bits.
        /// </summary>
        [ThreadStatic]
        private static int t_reclaimUnsafeLocks;

        /// <summary>
        /// The flags of the async scopes of the flow this thread is running, kept current by
        /// <see cref="FlowState"/>'s AsyncLocal change callback, so that reading the union costs one
        /// more thread-static load.
        /// </summary>
        [ThreadStatic]
        private static MemallocFlags t_flowFlags;

        /// <summary>Everything in force on this thread: its scopes, its reclaim-unsafe locks and the async scopes of the flow it runs.</summary>
        internal static MemallocFlags CurrentFlags
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => (MemallocFlags)(int)(t_state & FlagsMask) | (t_reclaimUnsafeLocks != 0 ? MemallocFlags.NoFs : MemallocFlags.None) | t_flowFlags;
        }

        internal static void SetFlowFlags(MemallocFlags flags) => t_flowFlags = flags;

        /// <summary>The thread took a reclaim-unsafe lock: NoFs holds until <see cref="ReleaseReclaimUnsafeLock"/>.</summary>
        internal static void HoldReclaimUnsafeLock() => t_reclaimUnsafeLocks++;

        internal static void ReleaseReclaimUnsafeLock() => t_reclaimUnsafeLocks--;

        /// <summary>
        /// Scopes entered on this thread that are not yet unwound (for tests and diagnostics): a scope
        /// disposed out of order still counts until the scopes above it are disposed.
        /// </summary>
        internal static int CurrentDepth => DepthOf(t_state);

        internal static MemallocFlags Save(MemallocFlags flags)
        {
            ulong state = t_state;
            t_state = state | (ulong)flags;
            return flags & ~(MemallocFlags)(int)(state & FlagsMask);
        }

        internal static void Restore(MemallocFlags saved) => t_state &= ~(ulong)saved;

        /// <summary>
        /// Sets <paramref name="requested"/> and pushes a scope. Inlined into the caller: on a thread
        /// with no scope active it is two thread-static loads and two stores.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ScopeToken Enter(MemallocFlags requested)
        {
            if (t_top != 0)
            {
                // The innermost scope is about to stop being innermost: record it (not inlined).
                RecordTop(t_top, t_state);
            }

            ulong parent = t_top;
            ulong state = t_state;

            // Next sequence number (wraps after 2^44, see remarks), one level deeper, flags set.
            ulong entered = unchecked(state + SequenceUnit + DepthUnit) | (ulong)requested;
            t_state = entered;
            ulong id = (entered & ~FlagsMask) | (ulong)requested;
            t_top = id;
            return new ScopeToken(id, parent, requested & ~(MemallocFlags)(int)(state & FlagsMask));
        }

        /// <summary>
        /// Pops the scope <paramref name="id"/>. Inlined into the caller's <c>using</c> finally, so it
        /// is kept tiny and loop-free: the innermost scope is popped here, everything else (including
        /// <c>default</c>, whose id 0 equals <see cref="t_top"/> on a thread with no scope) goes to
        /// <see cref="ExitSlow"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Exit(ulong id, ulong parent, MemallocFlags owned)
        {
            if (t_top == id && id != 0)
            {
                t_state = (t_state & ~(ulong)owned) - DepthUnit;
                t_top = parent;
            }
            else
            {
                ExitSlow(id, owned);
            }
        }

        private static int DepthOf(ulong stateOrId) => (int)((stateOrId & DepthMask) >> DepthShift);

        /// <summary>Records the innermost scope at its depth, as a scope is entered inside it.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RecordTop(ulong top, ulong state)
        {
            int depth = DepthOf(state);
            ulong[]? entries = t_entries;
            if (top != Holes && entries is not null && (uint)depth < (uint)entries.Length && depth < MaxDepth)
            {
                entries[depth] = top;
            }
            else
            {
                RecordTopSlow(top, depth);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RecordTopSlow(ulong top, int depth)
        {
            if (depth >= MaxDepth)
            {
                throw new InvalidOperationException(
                    $"{MaxDepth} memalloc scopes are active on this thread: scopes are being entered without being disposed. " +
                    "Enter every scope with 'using' (for example 'using var scope = NoFsScope.Enter();') so that it is disposed on every path.");
            }

            if (top != Holes)
            {
                // With holes, the innermost scope was recorded when the holes were made.
                EntriesFor(depth)[depth] = top;
            }
        }

        private static ulong[] EntriesFor(int depth)
        {
            ulong[]? entries = t_entries;
            if (entries is null || depth >= entries.Length)
            {
                int length = entries is null ? 16 : entries.Length;
                while (length <= depth)
                {
                    length *= 2;
                }

                Array.Resize(ref entries, Math.Min(length, MaxDepth + 1));
                t_entries = entries;
            }

            return entries;
        }

        /// <summary>
        /// Every dispose that is not of the innermost scope on a stack without holes: a stale one, an
        /// out-of-order one, or the innermost scope above holes.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ExitSlow(ulong id, MemallocFlags owned)
        {
            int at = DepthOf(id);
            int depth = DepthOf(t_state);
            ulong top = t_top;
            if (at == 0 || at > depth)
            {
                // default, or the stack is already below the scope's depth: disposed before.
                return;
            }

            ulong[]? entries;
            if (top != Holes)
            {
                // No holes: the innermost scope is top (not this one), every scope below it is recorded.
                entries = t_entries;
                if (at == depth || entries is null || entries[at] != id)
                {
                    return;
                }

                // Live but not innermost. Holes are coming: record the innermost as well.
                entries = EntriesFor(depth);
                entries[depth] = top;
                ExitOutOfOrder(entries, at, depth, owned);
                return;
            }

            entries = t_entries!;
            if (entries[at] != id)
            {
                return;
            }

            if (at != depth)
            {
                ExitOutOfOrder(entries, at, depth, owned);
                return;
            }

            // The innermost scope above holes: it leaves with the holes directly beneath it.
            owned |= TakeHandedOver(at);
            entries[at] = 0;
            depth--;
            int holes = t_holes;
            while (depth > 0 && entries[depth] == 0)
            {
                depth--;
                holes--;
            }

            t_holes = holes;
            t_state = (t_state & ~(DepthMask | (ulong)owned)) | ((ulong)depth << DepthShift);
            t_top = holes != 0 ? Holes : depth == 0 ? 0 : entries[depth];
        }

        /// <summary>
        /// The scope at depth <paramref name="at"/> is disposed while scopes entered after it are still
        /// active. Keeps the thread's flags right for the scopes that remain (each bit the disposed scope
        /// owned passes to the nearest inner scope that asked for it, or is cleared), leaves a hole, then
        /// reports the caller's bug.
        /// </summary>
        private static void ExitOutOfOrder(ulong[] entries, int at, int depth, MemallocFlags owned)
        {
            MemallocFlags disposed = RequestedBy(entries[at]);
            MemallocFlags innermost = RequestedBy(entries[depth]);
            MemallocFlags remaining = owned | TakeHandedOver(at);
            for (int i = at + 1; i <= depth && remaining != 0; i++)
            {
                MemallocFlags handedOver = remaining & RequestedBy(entries[i]);
                if (handedOver != 0)
                {
                    HandOver(i, handedOver);
                    remaining &= ~handedOver;
                }
            }

            entries[at] = 0;
            t_holes++;
            t_top = Holes;
            t_state &= ~(ulong)remaining;

            throw new InvalidOperationException(
                $"A memalloc scope with flags '{disposed}' was disposed while a scope entered after it, with flags '{innermost}', " +
                $"is still active. Scopes must be disposed in the reverse order of entry: dispose the inner '{innermost}' scope first, " +
                "for example by nesting 'using' blocks instead of calling Dispose by hand. " +
                "The thread's flags were kept correct for the scopes that remain active.");
        }

        /// <summary>What the scope (or hole, id 0) with this id asked for.</summary>
        private static MemallocFlags RequestedBy(ulong id) => (MemallocFlags)(int)(id & FlagsMask);

        private static MemallocFlags TakeHandedOver(int at)
        {
            MemallocFlags[]? handedOver = t_handedOver;
            if (handedOver is null || at >= handedOver.Length)
            {
                return MemallocFlags.None;
            }

            MemallocFlags bits = handedOver[at];
            handedOver[at] = MemallocFlags.None;
            return bits;
        }

        private static void HandOver(int at, MemallocFlags bits)
        {
            MemallocFlags[]? handedOver = t_handedOver;
            if (handedOver is null || at >= handedOver.Length)
            {
                Array.Resize(ref handedOver, t_entries!.Length);
                t_handedOver = handedOver;
            }

            handedOver[at] |= bits;
        }
    }
}
