using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// Marks a region whose allocations must not start I/O, filesystem I/O included. The managed analogue of <c>memalloc_noio_save()</c> / <c>memalloc_noio_restore()</c>.
    /// Use it as <c>using var scope = NoIoScope.Enter();</c> or <c>using (NoIoScope.Enter()) { … }</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="Enter"/> sets <see cref="MemallocFlags.NoIo"/> on the calling thread and remembers
    /// only whether it set the bit itself; <see cref="Dispose"/> clears exactly that, so nested scopes
    /// compose. Disposing <c>default(NoIoScope)</c> or disposing twice does nothing. The scope is a
    /// ref struct: it stays on its thread and cannot live across <c>await</c> or <c>yield</c>.
    /// Entering and disposing allocates nothing.
    /// </remarks>
    public readonly ref struct NoIoScope
    {
        private readonly ScopeToken _token;

        private NoIoScope(ScopeToken token) => _token = token;

        /// <summary>Sets <see cref="MemallocFlags.NoIo"/> on the calling thread until the scope is disposed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static NoIoScope Enter() => new(ThreadState.Enter(MemallocFlags.NoIo));

        /// <summary>Clears the bits this scope set.</summary>
        /// <exception cref="System.InvalidOperationException">A scope entered after this one on the same thread is still active.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _token.Exit();
    }
}
