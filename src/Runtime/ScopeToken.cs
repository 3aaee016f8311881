using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// What a scope needs to undo itself: its id, the id of the scope that was innermost before it,
    /// and the bits it newly set. <c>default</c> has id 0, which no scope has, so disposing it does
    /// nothing. See <see cref="ThreadState"/> for the design.
    /// </summary>
    /// <remarks>
    /// The scopes are ref structs, so a token never leaves the thread that entered it: the thread
    /// statics read on dispose are the entering thread's own.
    /// </remarks>
    internal readonly struct ScopeToken
    {
        private readonly ulong _id;
        private readonly ulong _parent;
        private readonly MemallocFlags _owned;

        internal ScopeToken(ulong id, ulong parent, MemallocFlags owned)
        {
            _id = id;
            _parent = parent;
            _owned = owned;
        }

        /// <summary>Clears the bits the scope newly set, if it is still active.</summary>
        /// <exception cref="System.InvalidOperationException">A scope entered after this one is still active.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Exit() => ThreadState.Exit(_id, _parent, _owned);
    }
}
