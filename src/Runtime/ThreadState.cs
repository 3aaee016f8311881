using System;
using System.Runtime.CompilerServices;

namespace Memalloc
{
    internal static class ThreadState
    {
        internal const int MaxDepth = 1 << 16;

        private const ulong Broken = 1;
        private const ulong IdUnit = 8;
        private const ulong RequestedMask = 7;

        [ThreadStatic] internal static MemallocFlags t_flags;
        [ThreadStatic] internal static ulong t_top;
        [ThreadStatic] private static ulong t_lastId;
        [ThreadStatic] internal static int t_depth;
        [ThreadStatic] private static int t_holes;
        [ThreadStatic] private static ulong[]? t_entries;
        [ThreadStatic] private static MemallocFlags[]? t_handedOver;

        internal static MemallocFlags CurrentFlags
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => t_flags;
        }

        internal static int CurrentDepth => t_depth;

        internal static MemallocFlags Save(MemallocFlags flags)
        {
            MemallocFlags current = t_flags;
            t_flags = current | flags;
            return flags & ~current;
        }

        internal static void Restore(MemallocFlags saved) => t_flags &= ~saved;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ScopeToken Enter(MemallocFlags requested)
        {
            if (t_top >= IdUnit)
            {
                RecordTop();
            }

            ulong parent = t_top;
            int depth = t_depth;
            ulong seq = t_lastId + IdUnit;
            t_lastId = seq;
            ulong id = seq | (ulong)requested;
            t_depth = depth + 1;
            t_top = id;
            MemallocFlags flags = t_flags;
            t_flags = flags | requested;
            return new ScopeToken(id, parent, requested & ~flags, depth);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RecordTop() => Record(t_depth, t_top);

        private static void Record(int depth, ulong parent)
        {
            if (depth >= MaxDepth)
            {
                throw new InvalidOperationException(
                    $"{MaxDepth} memalloc scopes are active on this thread: scopes are being entered without being disposed. " +
                    "Enter every scope with 'using' (for example 'using var scope = NoFsScope.Enter();') so that it is disposed on every path.");
            }

            ulong[]? entries = t_entries;
            if (entries is null || depth >= entries.Length)
            {
                entries = EntriesFor(depth);
            }

            entries[depth] = parent;
        }

        private static ulong[] EntriesFor(int index)
        {
            ulong[]? entries = t_entries;
            if (entries is null || index >= entries.Length)
            {
                int length = entries is null ? 16 : entries.Length;
                while (length <= index)
                {
                    length *= 2;
                }

                Array.Resize(ref entries, Math.Min(length, MaxDepth + 1));
                t_entries = entries;
            }

            return entries;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static void ExitSlow(ulong id, int parentDepth, MemallocFlags owned)
        {
            // 1-based depth of the scope
            int d = parentDepth + 1;
            int depth = t_depth;
            ulong top = t_top;
            if (id < IdUnit || d > depth)
            {
                return;
            }

            ulong[] entries = t_entries!;
            if (top != Broken)
            {
                // invariant: in normal mode the innermost is recorded only in t_top
                if (d == depth)
                {
                    return; // top != id (else fast path), so stale
                }

                if (entries[d] != id)
                {
                    return;
                }

                // live but not innermost: record innermost and go broken
                entries = EntriesFor(depth);
                entries[depth] = top;
                ExitOutOfOrder(entries, d, depth, owned);
                return;
            }

            if (entries[d] != id)
            {
                return;
            }

            if (d != depth)
            {
                ExitOutOfOrder(entries, d, depth, owned);
                return;
            }

            owned |= HandedOver(d);
            t_flags &= ~owned;
            entries[d] = 0;
            ClearHandedOver(d);
            depth--;
            while (depth > 0 && entries[depth] == 0)
            {
                depth--;
                t_holes--;
            }

            t_depth = depth;
            t_top = t_holes != 0 ? Broken : depth == 0 ? 0 : entries[depth];
        }

        private static MemallocFlags HandedOver(int index)
        {
            MemallocFlags[]? handed = t_handedOver;
            return handed is not null && index < handed.Length ? handed[index] : MemallocFlags.None;
        }

        private static void ClearHandedOver(int index)
        {
            MemallocFlags[]? handed = t_handedOver;
            if (handed is not null && index < handed.Length)
            {
                handed[index] = MemallocFlags.None;
            }
        }

        private static void AddHandedOver(int index, MemallocFlags bits)
        {
            MemallocFlags[]? handed = t_handedOver;
            if (handed is null || index >= handed.Length)
            {
                Array.Resize(ref handed, Math.Max(index + 1, t_entries!.Length));
                t_handedOver = handed;
            }

            handed[index] |= bits;
        }

        private static void ExitOutOfOrder(ulong[] entries, int d, int depth, MemallocFlags owned)
        {
            MemallocFlags disposed = (MemallocFlags)(entries[d] & RequestedMask);
            MemallocFlags innermost = (MemallocFlags)(entries[depth] & RequestedMask);
            MemallocFlags remaining = owned | HandedOver(d);
            for (int i = d + 1; i <= depth && remaining != 0; i++)
            {
                if (entries[i] == 0)
                {
                    continue;
                }

                MemallocFlags handedOver = remaining & (MemallocFlags)(entries[i] & RequestedMask);
                if (handedOver != 0)
                {
                    AddHandedOver(i, handedOver);
                    remaining &= ~handedOver;
                }
            }

            t_flags &= ~remaining;
            entries[d] = 0;
            ClearHandedOver(d);
            t_holes++;
            t_top = Broken;

            throw new InvalidOperationException(
                $"A memalloc scope with flags '{disposed}' was disposed while a scope entered after it, with flags '{innermost}', " +
                $"is still active. Scopes must be disposed in the reverse order of entry: dispose the inner '{innermost}' scope first, " +
                "for example by nesting 'using' blocks instead of calling Dispose by hand. " +
                "The thread's flags were kept correct for the scopes that remain active.");
        }
    }
}
