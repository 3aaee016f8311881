using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The <see cref="MethodFacts"/> of every source method, computed once per compilation in one walk
    /// for both callback kinds: from the operation block the driver already bound when its block action
    /// reaches the method (<see cref="Record"/>), or on demand by binding the body when a summary needs
    /// it earlier (<see cref="Of"/>).
    /// </summary>
    internal sealed class MethodFactsTable
    {
        private readonly ReclaimAnalysis _analysis;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = SymbolCache.Create<IMethodSymbol, MethodFacts>();

        internal MethodFactsTable(ReclaimAnalysis analysis)
        {
            _analysis = analysis;
        }

        /// <summary>The facts of <paramref name="method"/> (an original definition).</summary>
        internal MethodFacts Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_facts.TryGetValue(method, out MethodFacts? known))
            {
                return known;
            }

            MethodFacts computed = MethodBodies.Find(method, _analysis.Compilation, cancellationToken) is { } body
                ? Compute(method, body, cancellationToken)
                : MethodFacts.Empty;
            return _facts.GetOrAdd(method, computed);
        }

        /// <summary>
        /// Records the facts of <paramref name="method"/> from <paramref name="block"/>, an operation block the
        /// driver handed to a block action, so no query binds the body again. A method whose body is not
        /// that block's root (partial, several declarations) is left to <see cref="Of"/>.
        /// </summary>
        internal void Record(IMethodSymbol method, IOperation block, CancellationToken cancellationToken)
        {
            if (!_facts.ContainsKey(method) && MethodBodies.WholeBodyOf(method, block, cancellationToken) is { } body)
            {
                _facts.TryAdd(method, Compute(method, body, cancellationToken));
            }
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

        private MethodFacts Compute(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
        {
            ImmutableArray<FactCall>.Builder calls = ImmutableArray.CreateBuilder<FactCall>();
            FactCall? writeback = null;
            FactCall? io = null;
            var sites = new List<CallSite>();

            // A scope that satisfies I/O callbacks satisfies writeback ones too, so the I/O question is
            // asked only where a writeback scope covers, which is rare.
            var writebackCoverage = new ScopeCoverage(body, CallbackKind.Writeback, ScopeFlags.None, _analysis.Known);
            ScopeCoverage? ioCoverage = null;
            foreach (IOperation operation in body.Descendants())
            {
                sites.Clear();
                CallSites.Collect(operation, sites);
                if (sites.Count == 0)
                {
                    continue;
                }

                bool coveredForWriteback = writebackCoverage.Of(operation) != Coverage.Uncovered;
                if (coveredForWriteback)
                {
                    ioCoverage ??= new ScopeCoverage(body, CallbackKind.Io, ScopeFlags.None, _analysis.Known);
                    if (ioCoverage.Of(operation) != Coverage.Uncovered)
                    {
                        continue;
                    }
                }

                if (_analysis.Allocations.TryGet(operation, out Allocation found))
                {
                    // A reclaim-capable call is judged by its flags, not followed into its body.
                    if (writeback is null && !coveredForWriteback && CallbackKind.Writeback.IsDangerous(found.MayUse))
                    {
                        writeback = new FactCall(operation.Syntax, found.Target, coveredForWriteback: false);
                    }

                    if (io is null && CallbackKind.Io.IsDangerous(found.MayUse))
                    {
                        io = new FactCall(operation.Syntax, found.Target, coveredForWriteback: false);
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
                            calls.Add(new FactCall(operation.Syntax, callee, coveredForWriteback));
                        }
                    }
                }
            }

            return new MethodFacts(_analysis.RootFlags(method), writeback, io, calls.ToImmutable());
        }
    }
}
