using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The interprocedural summary shared by the reclaim rules: does calling a method outside a scope
    /// reach, through methods of this compilation, a reclaim-capable allocation that is itself not
    /// under a scope, and by which shortest path? One instance per compilation and callback kind.
    /// </summary>
    /// <remarks>
    /// <para>Per method, its <see cref="MethodFacts"/> (shared by both kinds, in
    /// <see cref="MethodFactsTable"/>): the first unscoped dangerous allocation, and its unscoped calls to
    /// other source methods in source order (a virtual or interface call goes to the target and every
    /// override or implementation in the compilation). Calls under a scope in the helper, and deferred
    /// lambdas, do not count.</para>
    /// <para>A query explores, iteratively, the part of the call graph not yet summarised, then computes
    /// exact shortest distances over it with a unit-weight Dijkstra (bucket queue) seeded by the
    /// allocations and by already-summarised methods, and memoises every method it explored. The
    /// witness of a method is its first call, in source order, to a callee one step closer: so the
    /// result does not depend on which query came first or on which thread. Cycles and recursion
    /// are handled by the exploration's visited set; no step recurses on the call graph.</para>
    /// <para>When the rule keeps summaries across compilations (an editor), a summary kept by an earlier
    /// compilation counts as summarised while it holds (<see cref="KeptSummaries"/>), and the summaries a
    /// query computes are kept with the files they depend on (<see cref="SummaryDependencies"/>).</para>
    /// </remarks>
    internal sealed class ReclaimReachability
    {
        private readonly ReclaimAnalysis _analysis;
        private readonly CallbackKind _kind;
        private readonly ConcurrentDictionary<MethodRef, ReclaimHop> _hops = SymbolCache.CreateByValue<MethodRef, ReclaimHop>();

        internal ReclaimReachability(ReclaimAnalysis analysis, CallbackKind kind)
        {
            _analysis = analysis;
            _kind = kind;
        }

        /// <summary>The shortest way calling <paramref name="method"/> reaches an unscoped allocation.</summary>
        internal ReclaimHop Of(IMethodSymbol method, CancellationToken cancellationToken) =>
            Of(NameOf(method, cancellationToken), cancellationToken);

        /// <summary>The name summaries know <paramref name="method"/> by.</summary>
        internal MethodRef NameOf(IMethodSymbol method, CancellationToken cancellationToken) =>
            _analysis.Refs.Of(method, cancellationToken);

        /// <summary>How messages name the method named <paramref name="method"/>.</summary>
        internal string Display(MethodRef method, CancellationToken cancellationToken) =>
            _analysis.Facts.NameOf(method, cancellationToken);

        /// <summary>The shortest way calling the method named <paramref name="method"/> reaches an unscoped allocation.</summary>
        internal ReclaimHop Of(MethodRef method, CancellationToken cancellationToken)
        {
            if (_hops.TryGetValue(method, out ReclaimHop? known) || TryKept(method, out known))
            {
                return known;
            }

            Summarise(method, cancellationToken);
            return _hops.TryGetValue(method, out known) ? known : ReclaimHop.Unreachable;
        }

        private void Summarise(MethodRef start, CancellationToken cancellationToken)
        {
            // 1. Explore what is not summarised yet.
            var region = new List<MethodRef>();
            var inRegion = new Dictionary<MethodRef, int>();
            var pending = new Stack<MethodRef>();
            pending.Push(start);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                MethodRef method = pending.Pop();
                if (inRegion.ContainsKey(method) || IsSummarised(method))
                {
                    continue;
                }

                inRegion.Add(method, region.Count);
                region.Add(method);
                foreach (FactCall call in FactsOf(method, cancellationToken).CallsFor(_kind))
                {
                    if (!inRegion.ContainsKey(call.Callee) && !IsSummarised(call.Callee))
                    {
                        pending.Push(call.Callee);
                    }
                }
            }

            // 2. Seed distances: a direct allocation is 0; a call to a summarised method that reaches is its distance + 1.
            int count = region.Count;
            var distance = new int[count];
            var callers = new List<int>[count];
            var buckets = new List<List<int>>();
            for (int i = 0; i < count; i++)
            {
                callers[i] = new List<int>();
            }

            for (int i = 0; i < count; i++)
            {
                MethodFacts facts = FactsOf(region[i], cancellationToken);
                int best = facts.AllocationFor(_kind) is null ? int.MaxValue : 0;
                foreach (FactCall call in facts.CallsFor(_kind))
                {
                    if (inRegion.TryGetValue(call.Callee, out int index))
                    {
                        callers[index].Add(i);
                    }
                    else if (_hops.TryGetValue(call.Callee, out ReclaimHop? hop) && hop.Reaches && hop.Distance + 1 < best)
                    {
                        best = hop.Distance + 1;
                    }
                }

                distance[i] = best;
                if (best != int.MaxValue)
                {
                    Bucket(buckets, best).Add(i);
                }
            }

            // 3. Unit-weight Dijkstra backwards along calls.
            for (int d = 0; d < buckets.Count; d++)
            {
                foreach (int i in buckets[d])
                {
                    if (distance[i] != d)
                    {
                        continue;
                    }

                    foreach (int caller in callers[i])
                    {
                        if (distance[caller] > d + 1)
                        {
                            distance[caller] = d + 1;
                            Bucket(buckets, d + 1).Add(caller);
                        }
                    }
                }
            }

            // 4. When summaries are kept across compilations: what each one depends on.
            KeptSummaryView? kept = _analysis.Facts.Summaries;
            SummaryInputs?[]? inputs = kept is null ? null : new SummaryDependencies(this, region, inRegion, kept, cancellationToken).Compute();

            // 5. Witnesses, nearest first, so the next hop of each already exists: the allocation, or the
            //    first call (source order) to a callee one step closer.
            System.Func<MethodRef, int> distanceOf = callee =>
                inRegion.TryGetValue(callee, out int index) ? distance[index] :
                _hops.TryGetValue(callee, out ReclaimHop? hop) && hop.Reaches ? hop.Distance : int.MaxValue;
            for (int d = 0; d < buckets.Count; d++)
            {
                foreach (int i in buckets[d])
                {
                    if (distance[i] == d && !_hops.ContainsKey(region[i]))
                    {
                        _hops.TryAdd(region[i], Witness(FactsOf(region[i], cancellationToken), distance[i], distanceOf, inputs?[i]));
                    }
                }
            }

            for (int i = 0; i < count; i++)
            {
                if (distance[i] == int.MaxValue)
                {
                    _hops.TryAdd(region[i], inputs?[i] is { } dependsOn ? ReclaimHop.Unreachable.With(dependsOn) : ReclaimHop.Unreachable);
                }
            }

            if (kept is not null)
            {
                Keep(kept, region);
            }
        }

        /// <summary>The hop of a method the compilation has already summarised, or a kept one that holds in it.</summary>
        internal ReclaimHop? Summarised(MethodRef method) =>
            _hops.TryGetValue(method, out ReclaimHop? hop) || TryKept(method, out hop) ? hop : null;

        private bool IsSummarised(MethodRef method) => Summarised(method) is not null;

        /// <summary>A summary kept from an earlier compilation that holds in this one, taken into this compilation's.</summary>
        private bool TryKept(MethodRef method, out ReclaimHop hop)
        {
            hop = ReclaimHop.Unreachable;
            if (!method.IsPortable ||
                _analysis.Facts.Summaries is not { } kept ||
                !kept.Summaries.Hops(_kind).TryGetValue(method, out ReclaimHop? found) ||
                !kept.Holds(found))
            {
                return false;
            }

            hop = _hops.GetOrAdd(method, found);
            return true;
        }

        /// <summary>Keeps the region's summaries that may be kept (<see cref="ReclaimHop.Inputs"/>).</summary>
        private void Keep(KeptSummaryView kept, List<MethodRef> region)
        {
            var hops = new List<KeyValuePair<MethodRef, ReclaimHop>>();
            foreach (MethodRef method in region)
            {
                if (_hops.TryGetValue(method, out ReclaimHop? hop) && hop.Inputs is not null)
                {
                    hops.Add(new KeyValuePair<MethodRef, ReclaimHop>(method, hop));
                }
            }

            kept.Summaries.Keep(_kind, hops);
        }

        /// <summary>Where the first call of <paramref name="hop"/> (of the method named <paramref name="method"/>) is in this compilation.</summary>
        internal SyntaxNode? SiteOf(MethodRef method, ReclaimHop hop, CancellationToken cancellationToken)
        {
            MethodFacts facts = FactsOf(method, cancellationToken);
            if (hop.Distance == 0)
            {
                return facts.AllocationFor(_kind)?.Site;
            }

            ImmutableArray<FactCall> calls = facts.CallsFor(_kind);
            return hop.Reaches && hop.Witness >= 0 && hop.Witness < calls.Length ? calls[hop.Witness].Site : null;
        }

        /// <summary>The calls, for this kind, of the method named <paramref name="method"/>.</summary>
        internal ImmutableArray<FactCall> CallsOf(MethodRef method, CancellationToken cancellationToken) =>
            FactsOf(method, cancellationToken).CallsFor(_kind);

        private ReclaimHop Witness(MethodFacts facts, int distance, System.Func<MethodRef, int> distanceOf, SummaryInputs? inputs)
        {
            if (distance == 0)
            {
                FactAllocation allocation = facts.AllocationFor(_kind)!.Value;
                return new ReclaimHop(0, -1, next: null, allocation.Allocator, tail: null, inputs);
            }

            ImmutableArray<FactCall> calls = facts.CallsFor(_kind);
            for (int i = 0; i < calls.Length; i++)
            {
                FactCall call = calls[i];
                if (distanceOf(call.Callee) == distance - 1)
                {
                    ReclaimHop next = _hops[call.Callee];
                    MethodRef? tail = distance <= ReclaimHop.TailDistance ? null
                        : next.Distance == ReclaimHop.TailDistance ? call.Callee
                        : next.Tail;
                    return new ReclaimHop(distance, i, call.Callee, allocation: null, tail, inputs);
                }
            }

            return ReclaimHop.Unreachable;
        }

        private static List<int> Bucket(List<List<int>> buckets, int distance)
        {
            while (buckets.Count <= distance)
            {
                buckets.Add(new List<int>());
            }

            return buckets[distance];
        }

        private MethodFacts FactsOf(MethodRef method, CancellationToken cancellationToken) =>
            _analysis.Facts.Of(method, cancellationToken);
    }
}
