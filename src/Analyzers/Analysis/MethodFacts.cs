using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What one method body contributes to the reclaim summaries, for both callback kinds at once: its
    /// first unscoped dangerous allocation per kind, and its calls to source methods in source order
    /// (each noting whether a scope that satisfies writeback callbacks covers it, since that scope may
    /// still not satisfy an I/O callback).
    /// </summary>
    internal sealed class MethodFacts
    {
        internal static readonly MethodFacts Empty = new(ScopeFlags.None, null, null, ImmutableArray<FactCall>.Empty, CallbackKind.None);

        private readonly FactAllocation? _writebackAllocation;
        private readonly FactAllocation? _ioAllocation;
        private readonly ScopeFlags _rootFlags;
        private readonly ImmutableArray<FactCall> _calls;

        internal MethodFacts(ScopeFlags rootFlags, FactAllocation? writebackAllocation, FactAllocation? ioAllocation, ImmutableArray<FactCall> calls, CallbackKind kind)
        {
            _rootFlags = rootFlags;
            Kind = kind;
            _writebackAllocation = writebackAllocation;
            _ioAllocation = ioAllocation;
            _calls = calls;
            IsPortable = true;
            foreach (FactCall call in calls)
            {
                IsPortable &= call.Callee.IsPortable;
            }
        }

        /// <summary>The method's own callback kind (<see cref="CallbackDiscovery.KindOf"/>): a callee that is a callback is checked in its own body.</summary>
        internal CallbackKind Kind { get; }

        /// <summary>Whether every callee has a name that outlives the compilation, so these facts may be kept with their tree.</summary>
        internal bool IsPortable { get; }

        /// <summary>The first allocation the method makes itself that is dangerous for <paramref name="kind"/> and not under a scope satisfying it.</summary>
        internal FactAllocation? AllocationFor(CallbackKind kind) =>
            IsCoveredWhole(kind) ? null : kind == CallbackKind.Io ? _ioAllocation : _writebackAllocation;

        /// <summary>The calls, in source order, not under a scope satisfying <paramref name="kind"/>.</summary>
        internal IEnumerable<FactCall> CallsFor(CallbackKind kind)
        {
            if (IsCoveredWhole(kind))
            {
                yield break;
            }

            foreach (FactCall call in _calls)
            {
                if (kind == CallbackKind.Io || !call.CoveredForWriteback)
                {
                    yield return call;
                }
            }
        }

        /// <summary>The engine promises a scope for the whole body ([InvokedUnderNoFsScope]).</summary>
        private bool IsCoveredWhole(CallbackKind kind) => (_rootFlags & kind.SatisfiedBy()) != 0;
    }
}
