using System;
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
    /// it earlier (<see cref="Of"/>). When the rule keeps facts across compilations (an editor makes a new
    /// compilation on every keystroke), the facts of a method in an unchanged tree are taken from the last
    /// compilation with the same <see cref="CompilationStamp"/> instead of binding its body again.
    /// </summary>
    internal sealed class MethodFactsTable
    {
        private readonly ReclaimAnalysis _analysis;
        private readonly ConcurrentDictionary<MethodRef, MethodFacts> _facts = SymbolCache.CreateByValue<MethodRef, MethodFacts>();
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<MethodRef>> _implementations = SymbolCache.Create<IMethodSymbol, ImmutableArray<MethodRef>>();
        private readonly ConcurrentDictionary<IMethodSymbol, string> _allocatorNames = SymbolCache.Create<IMethodSymbol, string>();
        private readonly ConcurrentDictionary<MethodRef, string> _names = new();
        private readonly KeptAnalysis? _kept;
        private readonly Lazy<ulong>? _stamp;
        private readonly Lazy<KeptSummaryView>? _summaries;

        /// <param name="kept">Where facts are kept across compilations; null to keep them for this compilation only.</param>
        internal MethodFactsTable(ReclaimAnalysis analysis, KeptAnalysis? kept)
        {
            _analysis = analysis;
            _kept = kept;
            _stamp = kept is null
                ? null
                : new Lazy<ulong>(() => CompilationStamp.Of(analysis.Compilation, analysis.Config, kept, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            _summaries = kept is null ? null : new Lazy<KeptSummaryView>(() => BeginSummaries(kept), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The reclaim summaries kept for compilations with this one's stamp, brought up to this compilation
        /// (<see cref="KeptSummaries.Begin"/>) on first use; null when the rule keeps nothing.
        /// </summary>
        internal KeptSummaryView? Summaries => _summaries?.Value;

        private KeptSummaryView BeginSummaries(KeptAnalysis kept)
        {
            KeptSummaries summaries = kept.Summaries(_analysis.Compilation.AssemblyName ?? string.Empty, _stamp!.Value);
            var files = new List<(string Path, long Tree)>();
            foreach (SyntaxTree tree in _analysis.Compilation.SyntaxTrees)
            {
                if (_analysis.Refs.TreeAt(tree.FilePath) == tree)
                {
                    files.Add((tree.FilePath, kept.IdentityOf(tree)));
                }
            }

            int generation = summaries.Begin(files);
            return new KeptSummaryView(summaries, generation);
        }

        /// <summary>The facts of the method named <paramref name="method"/>.</summary>
        internal MethodFacts Of(MethodRef method, CancellationToken cancellationToken)
        {
            if (_facts.TryGetValue(method, out MethodFacts? known))
            {
                return known;
            }

            if (Kept(method) is { } kept)
            {
                return _facts.GetOrAdd(method, kept);
            }

            MethodFacts computed = _analysis.Refs.SymbolOf(method, cancellationToken) is not { } symbol ? MethodFacts.Empty
                : MethodBodies.Find(symbol, _analysis.Compilation, cancellationToken) is { } body ? Compute(symbol, body, cancellationToken)
                : _analysis.Callbacks.KindOf(symbol) is var kind and not CallbackKind.None ? new MethodFacts(ScopeFlags.None, null, null, ImmutableArray<FactCall>.Empty, kind)
                : MethodFacts.Empty;
            Keep(method, computed);
            return _facts.GetOrAdd(method, computed);
        }

        /// <summary>
        /// Records the facts of <paramref name="method"/> from <paramref name="block"/>, an operation block the
        /// driver handed to a block action, so no query binds the body again. A method whose body is not
        /// that block's root (partial, several declarations) is left to <see cref="Of"/>.
        /// </summary>
        internal void Record(IMethodSymbol method, IOperation block, CancellationToken cancellationToken)
        {
            // A partial method's facts are computed for its definition part whichever part comes first.
            method = MethodRefs.Canonical(method);
            MethodRef name = _analysis.Refs.Of(method, cancellationToken);
            if (_facts.ContainsKey(name))
            {
                return;
            }

            if (Kept(name) is { } kept)
            {
                _facts.TryAdd(name, kept);
            }
            else if (MethodBodies.WholeBodyOf(method, block, cancellationToken) is { } body)
            {
                MethodFacts computed = Compute(method, body, cancellationToken);
                Keep(name, computed);
                _facts.TryAdd(name, computed);
            }
        }

        /// <summary>
        /// The methods a call site may run that have source in this compilation, by name: the target and, for a
        /// virtual call, its overrides and implementations (kept across compilations, see <see cref="ImplementationsOf"/>).
        /// Methods from other assemblies speak through [MayReclaim] and NoFsScope.txt only.
        /// </summary>
        internal IEnumerable<MethodRef> Callees(CallSite site, CancellationToken cancellationToken)
        {
            IMethodSymbol target = site.Target.OriginalDefinition;
            if (!target.DeclaringSyntaxReferences.IsEmpty)
            {
                yield return _analysis.Refs.Of(target, cancellationToken);
            }

            if (site.IsVirtual)
            {
                foreach (MethodRef implementation in ImplementationsOf(target, cancellationToken))
                {
                    yield return implementation;
                }
            }
        }

        private MethodFacts Compute(IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
        {
            ImmutableArray<FactCall>.Builder calls = ImmutableArray.CreateBuilder<FactCall>();
            FactAllocation? writeback = null;
            FactAllocation? io = null;
            var sites = new List<CallSite>();

            // A scope that satisfies I/O callbacks satisfies writeback ones too, so the I/O question is
            // asked only where a writeback scope covers, which is rare.
            var writebackCoverage = new ScopeCoverage(body, CallbackKind.Writeback, ScopeFlags.None);
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
                    ioCoverage ??= new ScopeCoverage(body, CallbackKind.Io, ScopeFlags.None);
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
                        writeback = new FactAllocation(operation.Syntax, AllocatorName(found.Target));
                    }

                    if (io is null && CallbackKind.Io.IsDangerous(found.MayUse))
                    {
                        io = writeback is { } same && same.Site == operation.Syntax ? same : new FactAllocation(operation.Syntax, AllocatorName(found.Target));
                    }

                    continue;
                }

                foreach (CallSite site in sites)
                {
                    foreach (MethodRef callee in Callees(site, cancellationToken))
                    {
                        calls.Add(new FactCall(operation.Syntax, callee, coveredForWriteback));
                    }
                }
            }

            return new MethodFacts(_analysis.RootFlags(method), writeback, io, calls.ToImmutable(), _analysis.Callbacks.KindOf(method));
        }

        /// <summary>
        /// The names of the source methods a virtual call to <paramref name="target"/> may run besides it
        /// (<see cref="ImplementationIndex"/>); kept across compilations with the same stamp, since finding
        /// them creates the members of every candidate type of a new compilation.
        /// </summary>
        private ImmutableArray<MethodRef> ImplementationsOf(IMethodSymbol target, CancellationToken cancellationToken)
        {
            if (_implementations.TryGetValue(target, out ImmutableArray<MethodRef> known))
            {
                return known;
            }

            string? key = null;
            if (_kept is not null)
            {
                MethodRef name = _analysis.Refs.Of(target, cancellationToken);
                key = name.IsPortable ? name.ToString() : MetadataKey(target);
            }

            ConcurrentDictionary<string, ImmutableArray<MethodRef>>? kept = key is not null
                ? _kept!.Implementations(_analysis.Compilation.AssemblyName ?? string.Empty, _stamp!.Value)
                : null;
            if (kept is null || !kept.TryGetValue(key!, out ImmutableArray<MethodRef> found))
            {
                ImmutableArray<IMethodSymbol> implementations = _analysis.Implementations.Of(target, cancellationToken);
                ImmutableArray<MethodRef>.Builder names = ImmutableArray.CreateBuilder<MethodRef>(implementations.Length);
                bool portable = true;
                foreach (IMethodSymbol implementation in implementations)
                {
                    MethodRef implementationName = _analysis.Refs.Of(implementation, cancellationToken);
                    portable &= implementationName.IsPortable;
                    names.Add(implementationName);
                }

                found = names.MoveToImmutable();
                if (kept is not null && portable)
                {
                    kept.TryAdd(key!, found);
                }
            }

            return _implementations.GetOrAdd(target, found);
        }

        /// <summary>
        /// A key for a method without a portable name (from a referenced assembly): its documentation ID, which
        /// leaves out what tells some overloads apart (ref from out, function pointer types) and the assembly,
        /// so those are added; null when it has none.
        /// </summary>
        private static string? MetadataKey(IMethodSymbol method)
        {
            if (DocumentationCommentId.CreateDeclarationId(method) is not { } id)
            {
                return null;
            }

            var key = new System.Text.StringBuilder(id).Append('|').Append(method.ContainingAssembly?.Identity.ToString());
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                key.Append('|').Append((int)parameter.RefKind);
                if (parameter.Type.TypeKind == TypeKind.FunctionPointer)
                {
                    key.Append(parameter.Type.ToDisplayString());
                }
            }

            return key.ToString();
        }

        /// <summary><c>Journal.Append</c>: how messages name the method named <paramref name="method"/>; kept like its facts.</summary>
        internal string NameOf(MethodRef method, CancellationToken cancellationToken)
        {
            if (_names.TryGetValue(method, out string? known))
            {
                return known;
            }

            TreeDeclarations? declarations = _stamp is not null && _analysis.Refs.TreeOf(method) is { } tree ? _analysis.Refs.DeclarationsOf(tree) : null;
            string? name = declarations?.KeptName(_stamp!.Value, method.Ordinal);
            if (name is null)
            {
                name = _analysis.Refs.Display(method, cancellationToken);
                declarations?.KeepName(_stamp!.Value, method.Ordinal, name);
            }

            return _names.GetOrAdd(method, name);
        }

        /// <summary>How messages name an allocator; a few allocators serve thousands of methods, so each is named once.</summary>
        private string AllocatorName(IMethodSymbol allocator) => _allocatorNames.GetOrAdd(allocator, static a => DisplayNames.Call(a));

        /// <summary>The facts kept with the tree of <paramref name="method"/> by an earlier compilation with this one's stamp.</summary>
        private MethodFacts? Kept(MethodRef method) =>
            _stamp is not null && _analysis.Refs.TreeOf(method) is { } tree
                ? _analysis.Refs.DeclarationsOf(tree).KeptFacts(_stamp.Value, method.Ordinal)
                : null;

        private void Keep(MethodRef method, MethodFacts facts)
        {
            if (_stamp is not null && facts.IsPortable && _analysis.Refs.TreeOf(method) is { } tree)
            {
                _analysis.Refs.DeclarationsOf(tree).Keep(_stamp.Value, method.Ordinal, facts);
            }
        }
    }
}
