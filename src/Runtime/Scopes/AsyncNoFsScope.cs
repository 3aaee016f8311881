using System;

namespace Memalloc
{
    /// <summary>
    /// The async analogue of <see cref="NoFsScope"/> (<c>memalloc_nofs_save()</c> / <c>memalloc_nofs_restore()</c>) for code that awaits: <see cref="MemallocFlags.NoFs"/> follows the logical flow
    /// across <c>await</c>, into awaited callees and into tasks started inside the scope, and is gone
    /// once the flow leaves it. Use it as <c>using var scope = AsyncNoFsScope.Enter();</c> in an async method.
    /// </summary>
    /// <remarks>
    /// Same save/restore contract as <see cref="NoFsScope"/>, kept in the execution context instead of
    /// the thread: disposing restores the flow's flags to what they were before <see cref="Enter"/>,
    /// so nested scopes compose. Entering allocates (a frame, and the execution context an AsyncLocal
    /// write creates); prefer <see cref="NoFsScope"/> wherever no <c>await</c> or <c>yield</c> falls
    /// inside the region. Misuse throws <see cref="InvalidOperationException"/>: disposing out of order
    /// (the flags stay right for the scopes that remain), twice, on a flow that did not enter the
    /// scope, or a <c>default</c> value.
    /// </remarks>
    public readonly struct AsyncNoFsScope : IDisposable
    {
        private readonly FlowFrame? _frame;

        private AsyncNoFsScope(FlowFrame frame) => _frame = frame;

        /// <summary>Sets <see cref="MemallocFlags.NoFs"/> on the current logical flow until the scope is disposed.</summary>
        public static AsyncNoFsScope Enter() => new(FlowState.Enter(MemallocFlags.NoFs, nameof(AsyncNoFsScope)));

        /// <summary>Restores the flow's flags to what they were before <see cref="Enter"/>.</summary>
        /// <exception cref="InvalidOperationException">The scope is not the innermost one of this flow, was already disposed, or is <c>default</c>.</exception>
        public void Dispose() => FlowState.Exit(_frame, nameof(AsyncNoFsScope));
    }
}
