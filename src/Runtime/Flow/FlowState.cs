using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Memalloc
{
    /// <summary>
    /// The allocation flags of the logical flow: the async scopes' state, kept in an
    /// <see cref="AsyncLocal{T}"/> so it follows <c>await</c> continuations, awaited callees and tasks
    /// started inside a scope, and is gone wherever the flow is not.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Reading costs the thread scopes' readers nothing extra: the AsyncLocal is created with a
    /// change callback, which the runtime calls on a thread whenever the value it sees changes, be it
    /// by a scope entered or disposed, or by the thread switching to another execution context (a
    /// continuation, a work item, the pool reclaiming the thread). The callback copies the flow's
    /// flags into a thread static next to the thread scopes' state (<see cref="ThreadState"/>), so
    /// <see cref="MemallocContext.Current"/> stays three thread-static loads with no branch and no call.
    /// </para>
    /// <para>
    /// Entering allocates a <see cref="FlowFrame"/>, and each AsyncLocal write allocates a new
    /// execution context: that is the price of flowing, and why the thread scopes remain the default
    /// wherever no <c>await</c> intervenes.
    /// </para>
    /// </remarks>
    internal static class FlowState
    {
        private static readonly AsyncLocal<FlowFrame?> s_top = new(OnValueChanged);

        /// <summary>Async scopes active on the current flow (for tests and diagnostics).</summary>
        internal static int CurrentDepth
        {
            get
            {
                int depth = 0;
                for (FlowFrame? frame = s_top.Value; frame is not null; frame = frame.Parent)
                {
                    depth++;
                }

                return depth;
            }
        }

        internal static FlowFrame Enter(MemallocFlags requested, string scopeName)
        {
            var frame = new FlowFrame(s_top.Value, requested, scopeName);
            s_top.Value = frame;
            return frame;
        }

        /// <summary>Leaves the scope whose frame is <paramref name="scope"/> on the current flow.</summary>
        /// <exception cref="InvalidOperationException">Any misuse; the message says which and how to fix it.</exception>
        internal static void Exit(FlowFrame? scope, string scopeName)
        {
            if (scope is null)
            {
                throw new InvalidOperationException(
                    $"A default {scopeName} was disposed: it was never entered. Create async scopes only with {scopeName}.Enter(), " +
                    $"for example 'using var scope = {scopeName}.Enter();'.");
            }

            FlowFrame? top = s_top.Value;
            if (top is not null && top.Origin == scope && scope.TryClose())
            {
                s_top.Value = top.Parent;
                return;
            }

            ExitSlow(scope, top);
        }

        /// <summary>The flow this thread runs changed (a scope, or a switch of execution context): mirror its flags.</summary>
        private static void OnValueChanged(AsyncLocalValueChangedArgs<FlowFrame?> change) =>
            ThreadState.SetFlowFlags(change.CurrentValue?.Flags ?? MemallocFlags.None);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ExitSlow(FlowFrame scope, FlowFrame? top)
        {
            FlowFrame? found = top;
            while (found is not null && found.Origin != scope)
            {
                found = found.Parent;
            }

            if (found is null)
            {
                // Not on this flow: leave the scope open, so the flow that holds it can still dispose it
                // (and an exception in flight there is not masked by a second, misleading one).
                throw new InvalidOperationException(scope.IsClosed
                    ? $"{scope.Describe()} was disposed twice. Dispose each scope exactly once, with 'using', and do not keep copies of it."
                    : $"{scope.Describe()} was disposed on a flow that did not enter it (another thread, or a task or callback " +
                      "that started before the scope or outside it), or after the flow that entered it had already left it. " +
                      "Dispose an async scope in the same async method that entered it, with 'using'.");
            }

            // The scope is on this flow: take it out, keeping the scopes entered after it.
            bool firstClose = scope.TryClose();
            s_top.Value = Rebuild(top!, found);
            if (!firstClose)
            {
                throw new InvalidOperationException(
                    $"{scope.Describe()} was already disposed on another flow that shares it: a task started inside the scope " +
                    "(which inherited it), or the flow that entered it. Only the flow that entered an async scope may dispose it, " +
                    "once; it was removed from this flow as well.");
            }

            if (found != top)
            {
                throw new InvalidOperationException(
                    $"{scope.Describe()} was disposed while {top!.Describe()}, entered after it on the same flow, is still active. " +
                    $"Async scopes must be disposed in the reverse order of entry: dispose the inner {top.ScopeName} first, for example " +
                    "by nesting 'using' blocks instead of calling Dispose by hand. The flow's flags were kept correct for the scopes that remain active.");
            }
        }

        /// <summary>The chain from <paramref name="top"/> without <paramref name="removed"/>: the frames above it rebuilt on its parent.</summary>
        private static FlowFrame? Rebuild(FlowFrame top, FlowFrame removed)
        {
            var above = new Stack<FlowFrame>();
            for (FlowFrame frame = top; frame != removed; frame = frame.Parent!)
            {
                above.Push(frame);
            }

            FlowFrame? rebuilt = removed.Parent;
            while (above.Count > 0)
            {
                rebuilt = new FlowFrame(rebuilt, above.Pop());
            }

            return rebuilt;
        }
    }
}
