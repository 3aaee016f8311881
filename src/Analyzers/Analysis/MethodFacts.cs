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
        private readonly ImmutableArray<FactCall> _writebackCalls;

        internal MethodFacts(ScopeFlags rootFlags, FactAllocation? writebackAllocation, FactAllocation? ioAllocation, ImmutableArray<FactCall> calls, CallbackKind kind)
        {
            _rootFlags = rootFlags;
            Kind = kind;
            _writebackAllocation = writebackAllocation;
            _ioAllocation = ioAllocation;
            _calls = calls;
            IsPortable = true;
            bool anyCoveredForWriteback = false;
            foreach (FactCall call in calls)
            {
                IsPortable &= call.Callee.IsPortable;
                anyCoveredForWriteback |= call.CoveredForWriteback;
            }

            _writebackCalls = anyCoveredForWriteback ? WithoutCoveredForWriteback(calls) : calls;
        }

        /// <summary>The method's own callback kind (<see cref="CallbackDiscovery.KindOf"/>): a callee that is a callback is checked in its own body.</summary>
        internal CallbackKind Kind { get; }

        /// <summary>Whether every callee has a name that outlives the compilation, so these facts may be kept with their tree.</summary>
        internal bool IsPortable { get; }

        /// <summary>The first allocation the method makes itself that is dangerous for <paramref name="kind"/> and not under a scope satisfying it.</summary>
        internal FactAllocation? AllocationFor(CallbackKind kind) =>
            IsCoveredWhole(kind) ? null : kind == CallbackKind.Io ? _ioAllocation : _writebackAllocation;

        /// <summary>The calls, in source order, not under a scope satisfying <paramref name="kind"/>.</summary>
        /// (Made once per method: summaries ask for them on every visit, and an iterator per visit was a tenth
        /// of what the rule allocated on the editor path.)
        internal ImmutableArray<FactCall> CallsFor(CallbackKind kind) =>
            IsCoveredWhole(kind) ? ImmutableArray<FactCall>.Empty : kind == CallbackKind.Io ? _calls : _writebackCalls;

        private static ImmutableArray<FactCall> WithoutCoveredForWriteback(ImmutableArray<FactCall> calls)
        {
            ImmutableArray<FactCall>.Builder uncovered = ImmutableArray.CreateBuilder<FactCall>(calls.Length);
            foreach (FactCall call in calls)
            {
                if (!call.CoveredForWriteback)
                {
                    uncovered.Add(call);
                }
            }

            return uncovered.ToImmutable();
        }

        /// <summary>The engine promises a scope for the whole body ([InvokedUnderNoFsScope]).</summary>
        private bool IsCoveredWhole(CallbackKind kind) => (_rootFlags & kind.SatisfiedBy()) != 0;
    }
}
