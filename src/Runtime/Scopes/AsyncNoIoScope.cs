using System;

namespace Memalloc
{
    /// <summary>
    /// The async analogue of <see cref="NoIoScope"/>: <see cref="MemallocFlags.NoIo"/> for a region
    /// that awaits, following the logical flow the way <see cref="AsyncNoFsScope"/> does. Use it as
    /// <c>using var scope = AsyncNoIoScope.Enter();</c> on an async I/O path.
    /// </summary>
    /// <remarks>Same contract, cost and misuse errors as <see cref="AsyncNoFsScope"/>.</remarks>
    public readonly struct AsyncNoIoScope : IDisposable
    {
        private readonly FlowFrame? _frame;

        private AsyncNoIoScope(FlowFrame frame) => _frame = frame;

        /// <summary>Sets <see cref="MemallocFlags.NoIo"/> on the current logical flow until the scope is disposed.</summary>
        public static AsyncNoIoScope Enter() => new(FlowState.Enter(MemallocFlags.NoIo, nameof(AsyncNoIoScope)));

        /// <summary>Restores the flow's flags to what they were before <see cref="Enter"/>.</summary>
        /// <exception cref="InvalidOperationException">The scope is not the innermost one of this flow, was already disposed, or is <c>default</c>.</exception>
        public void Dispose() => FlowState.Exit(_frame, nameof(AsyncNoIoScope));
    }
}
