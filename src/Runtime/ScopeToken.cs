namespace Memalloc
{
    /// <summary>
    /// What a scope needs to find its own entry again when it is disposed. <c>default</c> belongs
    /// to no thread, so disposing it does nothing.
    /// </summary>
    internal readonly struct ScopeToken
    {
        private readonly ThreadState? _state;
        private readonly ulong _id;
        private readonly int _index;

        internal ScopeToken(ThreadState state, ulong id, int index)
        {
            _state = state;
            _id = id;
            _index = index;
        }

        /// <summary>
        /// Clears the bits the scope newly set. A ref struct cannot leave its thread, so the state
        /// captured at entry is the disposing thread's own.
        /// </summary>
        internal void Exit() => _state?.Exit(_id, _index);
    }
}
