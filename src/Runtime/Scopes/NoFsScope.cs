using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// Marks a region whose allocations must not recurse into filesystem reclaim. The managed analogue of <c>memalloc_nofs_save()</c> / <c>memalloc_nofs_restore()</c>.
    /// Use it as <c>using var scope = NoFsScope.Enter();</c> or <c>using (NoFsScope.Enter()) { … }</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="Enter"/> sets <see cref="MemallocFlags.NoFs"/> on the calling thread and remembers
    /// only whether it set the bit itself; <see cref="Dispose"/> clears exactly that, so nested scopes
    /// compose. Disposing <c>default(NoFsScope)</c> or disposing twice does nothing. The scope is a
    /// ref struct: it stays on its thread and cannot live across <c>await</c> or <c>yield</c>.
    /// Entering and disposing allocates nothing.
    /// </remarks>
    public readonly ref struct NoFsScope
    {
        private readonly ScopeToken _token;

        private NoFsScope(ScopeToken token) => _token = token;

        /// <summary>Sets <see cref="MemallocFlags.NoFs"/> on the calling thread until the scope is disposed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static NoFsScope Enter() => new(ThreadState.Enter(MemallocFlags.NoFs));

        /// <summary>Clears the bits this scope set.</summary>
        /// <exception cref="System.InvalidOperationException">A scope entered after this one on the same thread is still active.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _token.Exit();
    }
}
