using System.Runtime.CompilerServices;

namespace Memalloc
{
    internal readonly struct ScopeToken
    {
        private readonly ulong _id;
        private readonly ulong _parent;
        private readonly MemallocFlags _owned;
        private readonly int _index;

        internal ScopeToken(ulong id, ulong parent, MemallocFlags owned, int index)
        {
            _id = id;
            _parent = parent;
            _owned = owned;
            _index = index;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void Exit()
        {
            if (ThreadState.t_top == _id)
            {
                ThreadState.t_flags &= ~_owned;
                ThreadState.t_top = _parent;
                ThreadState.t_depth = _index;
            }
            else
            {
                ThreadState.ExitSlow(_id, _index, _owned);
            }
        }
    }
}
