using System.Runtime.CompilerServices;

namespace Memalloc
{
    /// <summary>
    /// Sets any combination of <see cref="MemallocFlags"/> for a region: the managed analogue of
    /// <c>memalloc_flags_save()</c> / <c>memalloc_flags_restore()</c>. Use it as
    /// <c>using var scope = MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim);</c>.
    /// </summary>
    /// <remarks>
    /// Same contract as <see cref="NoFsScope"/>: <see cref="Dispose"/> clears only the bits that
    /// <see cref="Enter(MemallocFlags)"/> newly set, nested scopes compose, disposing <c>default</c>
    /// or twice does nothing, and nothing is allocated.
    /// </remarks>
    public readonly ref struct MemallocScope
    {
        private readonly ScopeToken _token;

        private MemallocScope(ScopeToken token) => _token = token;

        /// <summary>Sets <paramref name="flags"/> on the calling thread until the scope is disposed.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="flags"/> has bits outside <see cref="MemallocFlags"/>.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static MemallocScope Enter(MemallocFlags flags)
        {
            if ((flags & ~FlagsValidation.All) != 0)
            {
                // Only the check is inlined; building the exception is not.
                FlagsValidation.ThrowIfUndefined(flags, nameof(flags));
            }

            return new(ThreadState.Enter(flags));
        }

        /// <summary>Clears the bits this scope set.</summary>
        /// <exception cref="System.InvalidOperationException">A scope entered after this one on the same thread is still active.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => _token.Exit();
    }
}
