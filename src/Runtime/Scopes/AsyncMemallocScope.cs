using System;

namespace Memalloc
{
    /// <summary>
    /// The async analogue of <see cref="MemallocScope"/>: any combination of <see cref="MemallocFlags"/>
    /// that follows the logical flow across <c>await</c>, into awaited callees and into tasks started
    /// inside the scope. Use it as
    /// <c>using var scope = AsyncMemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim);</c>.
    /// </summary>
    /// <remarks>
    /// Same contract as <see cref="AsyncNoFsScope"/>: disposing restores the flow's flags to what they
    /// were before <see cref="Enter(MemallocFlags)"/>; misuse throws <see cref="InvalidOperationException"/>.
    /// </remarks>
    public readonly struct AsyncMemallocScope : IDisposable
    {
        private readonly FlowFrame? _frame;

        private AsyncMemallocScope(FlowFrame frame) => _frame = frame;

        /// <summary>Sets <paramref name="flags"/> on the current logical flow until the scope is disposed.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="flags"/> has bits outside <see cref="MemallocFlags"/>.</exception>
        public static AsyncMemallocScope Enter(MemallocFlags flags)
        {
            FlagsValidation.ThrowIfUndefined(flags, nameof(flags));
            return new(FlowState.Enter(flags, nameof(AsyncMemallocScope)));
        }

        /// <summary>Restores the flow's flags to what they were before <see cref="Enter(MemallocFlags)"/>.</summary>
        /// <exception cref="InvalidOperationException">The scope is not the innermost one of this flow, was already disposed, or is <c>default</c>.</exception>
        public void Dispose() => FlowState.Exit(_frame, nameof(AsyncMemallocScope));
    }
}
