using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The interprocedural summary shared by the reclaim rules: does calling a method outside a scope
    /// reach, through methods of this compilation, a reclaim-capable allocation that is itself not
    /// under a scope, and by which shortest path? One instance per compilation and callback kind.
    /// </summary>
    /// <remarks>
    /// <para>Per method, its <em>facts</em> are computed once from its own body: the first unscoped
    /// dangerous allocation, and its unscoped calls to other source methods in source order (a virtual
    /// or interface call goes to the target and every override or implementation in the compilation).
    /// Calls under a scope in the helper, and deferred lambdas, do not count.</para>
    /// <para>A query explores, iteratively, the part of the call graph not yet summarised, then computes
    /// exact shortest distances over it with a unit-weight Dijkstra (bucket queue) seeded by the
    /// allocations and by already-summarised methods, and memoises every method it explored. The
    /// witness of a method is its first call, in source order, to a callee one step closer: so the
    /// result does not depend on which query came first or on which thread. Cycles and recursion
    /// are handled by the exploration's visited set; no step recurses on the call graph.</para>
    /// </remarks>
    internal sealed class ReclaimReachability
    {
        private readonly ReclaimAnalysis _analysis;
        private readonly CallbackKind _kind;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ReclaimHop> _hops = new(SymbolEqualityComparer.Default);

        internal ReclaimReachability(ReclaimAnalysis analysis, CallbackKind kind)
        {
            _analysis = analysis;
            _kind = kind;
        }

        /// <summary>The shortest way calling <paramref name="method"/> reaches an unscoped allocation.</summary>
        internal ReclaimHop Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_hops.TryGetValue(method, out ReclaimHop? known))
            {
                return known;
            }

            Summarise(method, cancellationToken);
            return _hops.TryGetValue(method, out known) ? known : ReclaimHop.Unreachable;
        }

        /// <summary>The methods a call site may run, as summary keys: the target and, for a virtual call, its overrides and implementations.</summary>
        internal IEnumerable<IMethodSymbol> Callees(CallSite site, CancellationToken cancellationToken)
        {
            IMethodSymbol target = site.Target.OriginalDefinition;
            yield return target;
            if (site.IsVirtual)
            {
                foreach (IMethodSymbol implementation in _analysis.Implementations.Of(target, cancellationToken))
                {
                    yield return implementation;
                }
            }
        }

        private void Summarise(IMethodSymbol start, CancellationToken cancellationToken)
        {
            // 1. Explore what is not summarised yet.
            var region = new List<IMethodSymbol>();
            var inRegion = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(start);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IMethodSymbol method = pending.Pop();
                if (inRegion.ContainsKey(method) || _hops.ContainsKey(method))
                {
                    continue;
                }

                inRegion.Add(method, region.Count);
                region.Add(method);
                foreach ((IOperation _, IMethodSymbol callee) in FactsOf(method, cancellationToken).Calls)
                {
                    if (!inRegion.ContainsKey(callee) && !_hops.ContainsKey(callee))
                    {
                        pending.Push(callee);
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
                int best = facts.Allocation is null ? int.MaxValue : 0;
                foreach ((IOperation _, IMethodSymbol callee) in facts.Calls)
                {
                    if (inRegion.TryGetValue(callee, out int index))
                    {
                        callers[index].Add(i);
                    }
                    else if (_hops.TryGetValue(callee, out ReclaimHop? hop) && hop.Reaches && hop.Distance + 1 < best)
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

            // 4. Witnesses: the allocation, or the first call (source order) to a callee one step closer.
            for (int i = 0; i < count; i++)
            {
                _hops.TryAdd(region[i], Witness(FactsOf(region[i], cancellationToken), distance[i], callee =>
                    inRegion.TryGetValue(callee, out int index) ? distance[index] :
                    _hops.TryGetValue(callee, out ReclaimHop? hop) && hop.Reaches ? hop.Distance : int.MaxValue));
            }
        }

        private static ReclaimHop Witness(MethodFacts facts, int distance, System.Func<IMethodSymbol, int> distanceOf)
        {
            if (distance == int.MaxValue)
            {
                return ReclaimHop.Unreachable;
            }

            if (distance == 0)
            {
                return new ReclaimHop(0, facts.Allocation!.Value.Operation, next: null, facts.Allocation.Value.Target);
            }

            foreach ((IOperation site, IMethodSymbol callee) in facts.Calls)
            {
                if (distanceOf(callee) == distance - 1)
                {
                    return new ReclaimHop(distance, site, callee, allocation: null);
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

        /// <summary>
        /// Records the facts of a method from the body the analyzer driver bound for its operation block
        /// action, so a later query need not bind it again. A method whose body is not
        /// <paramref name="block"/> (partial, several declarations, not a method) is left to the query.
        /// </summary>
        internal void Record(IMethodSymbol method, IOperation block, CancellationToken cancellationToken)
        {
            if (!_facts.ContainsKey(method) && MethodBodies.WholeBodyOf(method, block, cancellationToken) is { } body)
            {
                _facts.TryAdd(method, ComputeFacts(method, body, cancellationToken));
            }
        }

        private MethodFacts FactsOf(IMethodSymbol method, CancellationToken cancellationToken) =>
            _facts.GetOrAdd(method, m => ComputeFacts(m, cancellationToken));

        private MethodFacts ComputeFacts(IMethodSymbol method, CancellationToken cancellationToken) =>
            MethodBodies.Find(method, _analysis.Compilation, cancellationToken) is { } body
                ? ComputeFacts(method, body, cancellationToken)
                : MethodFacts.Empty;

        private MethodFacts ComputeFacts(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
        {
            if ((_analysis.RootFlags(method) & _kind.SatisfiedBy()) != 0)
            {
                return MethodFacts.Empty;
            }

            var calls = new List<(IOperation, IMethodSymbol)>();
            Allocation? allocation = null;
            var sites = new List<CallSite>();
            var coverage = new ScopeCoverage(body, _kind, ScopeFlags.None, _analysis.Known);
            foreach (IOperation operation in body.Descendants())
            {
                sites.Clear();
                CallSites.Collect(operation, sites);
                if (sites.Count == 0 || coverage.Of(operation) != Coverage.Uncovered)
                {
                    continue;
                }

                if (_analysis.Allocations.TryGet(operation, out Allocation found))
                {
                    // A reclaim-capable call is judged by its flags, not followed into its body.
                    if (allocation is null && _kind.IsDangerous(found.MayUse))
                    {
                        allocation = found;
                    }

                    continue;
                }

                foreach (CallSite site in sites)
                {
                    foreach (IMethodSymbol callee in Callees(site, cancellationToken))
                    {
                        // Methods from other assemblies speak through [MayReclaim] and NoFsScope.txt only.
                        if (!callee.DeclaringSyntaxReferences.IsEmpty)
                        {
                            calls.Add((operation, callee));
                        }
                    }
                }
            }

            return new MethodFacts(allocation, calls);
        }

        private sealed class MethodFacts
        {
            internal static readonly MethodFacts Empty = new(null, new List<(IOperation, IMethodSymbol)>());

            internal MethodFacts(Allocation? allocation, List<(IOperation Site, IMethodSymbol Callee)> calls)
            {
                Allocation = allocation;
                Calls = calls;
            }

            /// <summary>The first unscoped dangerous allocation the method makes itself.</summary>
            internal Allocation? Allocation { get; }

            /// <summary>Unscoped calls, in source order, to methods that may have bodies in this compilation.</summary>
            internal List<(IOperation Site, IMethodSymbol Callee)> Calls { get; }
        }
    }
}
