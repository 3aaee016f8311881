using System.Threading;

namespace Memalloc
{
    /// <summary>
    /// One async scope as the execution context sees it: immutable, linked to the frame that was
    /// innermost when it was entered, and carrying the union of the flags of the whole chain, so
    /// reading the flow's flags is one AsyncLocal read and one field load. A frame is shared by every
    /// flow that inherited it (tasks started inside the scope); only <see cref="Origin"/>'s closed
    /// mark ever changes.
    /// </summary>
    /// <remarks>
    /// When a scope is disposed out of order the frames entered after it are rebuilt on top of its
    /// parent, so the flow's flags stay exact for the scopes that remain. A rebuilt frame keeps the
    /// scope's identity in <see cref="Origin"/>, which is what the scope struct holds.
    /// </remarks>
    internal sealed class FlowFrame
    {
        private int _closed;

        /// <summary>A frame for a scope being entered.</summary>
        internal FlowFrame(FlowFrame? parent, MemallocFlags requested, string scopeName)
        {
            Parent = parent;
            Requested = requested;
            Flags = (parent?.Flags ?? MemallocFlags.None) | requested;
            ScopeName = scopeName;
            Origin = this;
        }

        /// <summary>A copy of <paramref name="original"/> rebuilt on a new parent.</summary>
        internal FlowFrame(FlowFrame? parent, FlowFrame original)
            : this(parent, original.Requested, original.ScopeName)
        {
            Origin = original.Origin;
        }

        internal FlowFrame? Parent { get; }

        /// <summary>What the scope asked for.</summary>
        internal MemallocFlags Requested { get; }

        /// <summary>The flags in force while this frame is innermost: the union over the chain.</summary>
        internal MemallocFlags Flags { get; }

        /// <summary>The public type that entered the scope, for messages.</summary>
        internal string ScopeName { get; }

        /// <summary>The frame created by Enter: the scope's identity.</summary>
        internal FlowFrame Origin { get; }

        /// <summary>Marks the scope disposed; false when it already was.</summary>
        internal bool TryClose() => Interlocked.Exchange(ref Origin._closed, 1) == 0;

        /// <summary>Whether the scope has been disposed.</summary>
        internal bool IsClosed => Volatile.Read(ref Origin._closed) != 0;

        internal string Describe() => $"{ScopeName} ('{Requested}')";
    }
}
