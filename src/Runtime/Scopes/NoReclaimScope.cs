using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// Marks a region that must not enter direct reclaim, such as reclaim itself. The managed analogue of <c>memalloc_noreclaim_save()</c> / <c>memalloc_noreclaim_restore()</c>.
    /// Use it as <c>using var scope = NoReclaimScope.Enter();</c> or <c>using (NoReclaimScope.Enter()) { … }</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="Enter"/> sets <see cref="MemallocFlags.NoReclaim"/> on the calling thread and remembers
    /// only whether it set the bit itself; <see cref="Dispose"/> clears exactly that, so nested scopes
    /// compose. Disposing <c>default(NoReclaimScope)</c> or disposing twice does nothing. The scope is a
    /// ref struct: it stays on its thread and cannot live across <c>await</c> or <c>yield</c>.
    /// Entering and disposing allocates nothing.
    /// </remarks>
    public readonly ref struct NoReclaimScope
    {
        private readonly ScopeToken _token;

        private NoReclaimScope(ScopeToken token) => _token = token;

        /// <summary>Sets <see cref="MemallocFlags.NoReclaim"/> on the calling thread until the scope is disposed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static NoReclaimScope Enter() => new(ThreadState.Enter(MemallocFlags.NoReclaim));

        /// <summary>Clears the bits this scope set.</summary>
        /// <exception cref="System.InvalidOperationException">A scope entered after this one on the same thread is still active.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _token.Exit();
    }
}
