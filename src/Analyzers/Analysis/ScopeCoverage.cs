using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Answers "is this operation, inside the callback body <see cref="_root"/>, under a scope that
    /// satisfies the callback?" by walking from the operation up to the root:
    /// <list type="bullet">
    /// <item>the body of <c>using (NoFsScope.Enter())</c> is covered;</item>
    /// <item>statements after <c>using var s = NoFsScope.Enter();</c> in the same list are covered;</item>
    /// <item>statements after <c>var saved = MemallocContext.Save(c);</c> are covered up to the first <c>MemallocContext.Restore(saved)</c>;</item>
    /// <item>a thread scope or Save covers only up to the first <c>await</c>/<c>yield return</c>/<c>await using</c> in its region; an async scope (<c>AsyncNoFsScope</c>) covers across <c>await</c> but also ends at the first <c>yield return</c> (<see cref="ThreadScopeLimits"/>);</item>
    /// <item>a synchronous lambda is covered where it is written; a deferred one is not part of the callback;</item>
    /// <item>a local function is covered when every call to it is (a least fixpoint over its call sites).</item>
    /// </list>
    /// One instance serves one root on one thread; it caches per statement list.
    /// </summary>
    internal sealed class ScopeCoverage
    {
        private readonly IOperation _root;
        private readonly ScopeFlags _satisfiedBy;
        private readonly bool _rootCovered;
        // Keyed by the list owner's span, not the operation: hashing an operation object by identity is
        // slow the first time (the runtime has to give the object a hash code), and most owners are asked once.
        private readonly Dictionary<long, (IOperation Owner, ImmutableArray<ScopeStart> Starts)> _startsByList = new();
        private Dictionary<ISymbol, Coverage>? _entries;
        private Dictionary<IOperation, ILocalSymbol>? _delegateLocals;

        internal ScopeCoverage(IOperation root, CallbackKind kind, ScopeFlags rootFlags)
            : this(root, kind.SatisfiedBy(), rootFlags)
        {
        }

        /// <param name="root">The body the question is asked in (a method body, or a lambda that runs on its own).</param>
        /// <param name="satisfiedBy">Scope flags any of which count as covering.</param>
        /// <param name="rootFlags">Flags the whole root runs under ([InvokedUnderNoFsScope]).</param>
        internal ScopeCoverage(IOperation root, ScopeFlags satisfiedBy, ScopeFlags rootFlags)
        {
            _root = root;
            _satisfiedBy = satisfiedBy;
            _rootCovered = (rootFlags & _satisfiedBy) != 0;
        }

        internal Coverage Of(IOperation operation)
        {
            int position = operation.Syntax.SpanStart;
            IOperation current = operation;
            while (true)
            {
                if (current == _root)
                {
                    return _rootCovered ? Coverage.Covered : Coverage.Uncovered;
                }

                switch (current)
                {
                    case IAnonymousFunctionOperation or IMethodReferenceOperation:
                        if (DelegateUsage.Classify(current, out _, out _) != DelegateRole.Synchronous)
                        {
                            return Coverage.NotReached;
                        }

                        if (current is IAnonymousFunctionOperation lambda && DelegateLocalOf(lambda) is { } delegateLocal)
                        {
                            // `Func<int, byte[]> rent = n => pool.Rent(n);` runs where `rent(…)` is called.
                            return EntryOf(delegateLocal);
                        }

                        break;
                    case ILocalFunctionOperation localFunction:
                        return EntryOf(localFunction.Symbol);
                }

                IOperation? parent = current.Parent;
                if (parent is null)
                {
                    return Coverage.NotReached;
                }

                if (IsCoveredBy(parent, current, position))
                {
                    return Coverage.Covered;
                }

                current = parent;
            }
        }

        private bool IsCoveredBy(IOperation parent, IOperation child, int position)
        {
            switch (parent)
            {
                case IUsingOperation @using when @using.Body == child:
                    return Satisfies(ScopeFlagsOfResources(@using.Resources)) && ThreadScopeLimits.BodyCovers(@using, position);
                case IBlockOperation block:
                    return IsCoveredInList(block, block.Operations, position);
                case ISwitchCaseOperation section:
                    return IsCoveredInList(section, section.Body, position);
                default:
                    return false;
            }
        }

        private bool IsCoveredInList(IOperation owner, ImmutableArray<IOperation> statements, int position)
        {
            long key = ((long)owner.Syntax.SpanStart << 32) | (uint)owner.Syntax.Span.Length;
            ImmutableArray<ScopeStart> starts;
            if (_startsByList.TryGetValue(key, out (IOperation Owner, ImmutableArray<ScopeStart> Starts) cached) && cached.Owner == owner)
            {
                starts = cached.Starts;
            }
            else
            {
                // Two owners with one span (an implicit block around its only statement) are rare: the later one is not cached.
                starts = ThreadScopeLimits.Clip(statements, FindStarts(statements));
                _startsByList[key] = cached.Owner is null ? (owner, starts) : cached;
            }

            foreach (ScopeStart start in starts)
            {
                if (start.Covers(position) && Satisfies(start.Flags))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Satisfies(ScopeFlags flags) => (flags & _satisfiedBy) != 0;

        /// <summary>The regions the statements of one list open (unclipped; see <see cref="ThreadScopeLimits"/>).</summary>
        internal static ImmutableArray<ScopeStart> FindStarts(ImmutableArray<IOperation> statements)
        {
            ImmutableArray<ScopeStart>.Builder? starts = null;
            for (int i = 0; i < statements.Length; i++)
            {
                IOperation statement = statements[i];
                int end = statement.Syntax.Span.End;
                switch (statement)
                {
                    case IUsingDeclarationOperation usingDeclaration:
                        Add(ref starts, new ScopeStart(end, int.MaxValue, ScopeFlagsOfResources(usingDeclaration.DeclarationGroup)));
                        break;

                    case IVariableDeclarationGroupOperation group:
                        foreach (IVariableDeclarationOperation declaration in group.Declarations)
                        {
                            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                            {
                                IOperation? value = declarator.GetVariableInitializer()?.Value;
                                ScopeFlags saved = ScopeRecognition.FlagsOfSave(value);
                                if (saved != ScopeFlags.None)
                                {
                                    Add(ref starts, new ScopeStart(end, FindClose(statements, i + 1, declarator.Symbol, dispose: false), saved));
                                }

                                // `NoFsScope scope = NoFsScope.Enter(); try { … } finally { scope.Dispose(); }`
                                ScopeFlags entered = ScopeRecognition.FlagsOfScopeCreation(value);
                                if (entered != ScopeFlags.None)
                                {
                                    Add(ref starts, new ScopeStart(end, FindClose(statements, i + 1, declarator.Symbol, dispose: true), entered));
                                }
                            }
                        }

                        break;

                    case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }:
                        ScopeFlags assigned = ScopeRecognition.FlagsOfSave(assignment.Value);
                        ISymbol? target = ScopeRecognition.ReferencedSymbol(assignment.Target);
                        if (assigned != ScopeFlags.None && target is not null)
                        {
                            Add(ref starts, new ScopeStart(end, FindClose(statements, i + 1, target, dispose: false), assigned));
                        }

                        break;

                    case IExpressionStatementOperation { Operation: var discarded }:
                        // A Save whose token is dropped is never restored: the flags stay set (NOFS010 reports the leak).
                        Add(ref starts, new ScopeStart(end, int.MaxValue, ScopeRecognition.FlagsOfSave(discarded)));
                        break;
                }
            }

            return starts?.ToImmutable() ?? ImmutableArray<ScopeStart>.Empty;
        }

        private static void Add(ref ImmutableArray<ScopeStart>.Builder? starts, ScopeStart start)
        {
            if (start.Flags != ScopeFlags.None)
            {
                (starts ??= ImmutableArray.CreateBuilder<ScopeStart>()).Add(start);
            }
        }

        /// <summary>
        /// Where the region opened by a Save (or an explicitly disposed scope) closes: the first
        /// <c>MemallocContext.Restore(saved)</c> (or <c>scope.Dispose()</c>) in the statements from
        /// <paramref name="from"/> on. A close inside a branch that then leaves (<c>if (…) { Restore(saved); return; }</c>)
        /// ends only that path, so it does not end the region for the statements after it.
        /// </summary>
        internal static int FindClose(ImmutableArray<IOperation> statements, int from, ISymbol saved, bool dispose)
        {
            for (int i = from; i < statements.Length; i++)
            {
                foreach (IOperation operation in statements[i].DescendantsAndSelf())
                {
                    if (ScopeRecognition.IsCloseOf(operation, saved, dispose) && !IsOnExitingBranch(operation, statements[i]))
                    {
                        return operation.Syntax.SpanStart;
                    }
                }
            }

            return int.MaxValue;
        }

        /// <summary>Whether the close sits in a nested block (not the region's own list) whose last statement leaves it.</summary>
        private static bool IsOnExitingBranch(IOperation close, IOperation topStatement)
        {
            for (IOperation? current = close; current is not null && current != topStatement; current = current.Parent)
            {
                if (current.Parent is IBlockOperation block && block != topStatement.Parent && !block.Operations.IsEmpty)
                {
                    return block.Operations[block.Operations.Length - 1] is IReturnOperation or IBranchOperation or IThrowOperation
                        or IExpressionStatementOperation { Operation: IThrowOperation };
                }
            }

            return false;
        }

        private static ScopeFlags ScopeFlagsOfResources(IOperation? resources)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                ScopeFlags flags = ScopeFlags.None;
                foreach (IVariableDeclarationOperation declaration in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                    {
                        flags |= ScopeRecognition.FlagsOfScopeCreation(declarator.GetVariableInitializer()?.Value);
                    }
                }

                return flags;
            }

            return ScopeRecognition.FlagsOfScopeCreation(resources);
        }

        /// <summary>
        /// How a local function — or a lambda held in a local that is only ever invoked — is entered:
        /// the join over its call sites (and a local function's method-group uses), computed for all
        /// of them in the root at once as a least fixpoint, since calls from other local functions and
        /// recursion depend on those functions' own entries.
        /// </summary>
        private Coverage EntryOf(ISymbol function)
        {
            if (_entries is null)
            {
                ComputeEntries();
            }

            return _entries!.TryGetValue(function is IMethodSymbol method ? method.OriginalDefinition : function, out Coverage entry) ? entry : Coverage.NotReached;
        }

        private ILocalSymbol? DelegateLocalOf(IAnonymousFunctionOperation lambda)
        {
            if (_entries is null)
            {
                ComputeEntries();
            }

            return _delegateLocals!.TryGetValue(lambda, out ILocalSymbol? local) ? local : null;
        }

        private void ComputeEntries()
        {
            var entries = new Dictionary<ISymbol, Coverage>(SymbolEqualityComparer.Default);
            var uses = new List<(ISymbol Function, IOperation Site)>();
            var lambdas = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
            var escaping = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in _root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalFunctionOperation declaration:
                        entries[declaration.Symbol.OriginalDefinition] = Coverage.NotReached;
                        break;
                    case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } call:
                        uses.Add((call.TargetMethod.OriginalDefinition, call));
                        break;
                    case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                        uses.Add((reference.Method.OriginalDefinition, reference));
                        break;
                    case IVariableDeclaratorOperation declarator when LambdaOf(declarator.GetVariableInitializer()?.Value) is { } lambda:
                        lambdas[declarator.Symbol] = lambda;
                        break;
                    case ILocalReferenceOperation local:
                        if (operation.Parent is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke && invoke.Instance == operation)
                        {
                            uses.Add((local.Local, invoke));
                        }
                        else
                        {
                            escaping.Add(local.Local);
                        }

                        break;
                }
            }

            // A delegate local that is passed on, reassigned or captured by reference runs who knows where:
            // it stays judged where it is written.
            _delegateLocals = new Dictionary<IOperation, ILocalSymbol>();
            foreach (KeyValuePair<ILocalSymbol, IOperation> pair in lambdas)
            {
                if (!escaping.Contains(pair.Key))
                {
                    _delegateLocals.Add(pair.Value, pair.Key);
                    entries[pair.Key] = Coverage.NotReached;
                }
            }

            // Published before iterating: uses inside those functions read the current approximation.
            _entries = entries;
            bool changed;
            do
            {
                changed = false;
                foreach ((ISymbol function, IOperation site) in uses)
                {
                    if (!entries.TryGetValue(function, out Coverage entry) || entry == Coverage.Uncovered)
                    {
                        continue;
                    }

                    Coverage atSite = Of(site);
                    if (atSite > entry)
                    {
                        entries[function] = atSite;
                        changed = true;
                    }
                }
            }
            while (changed);
        }

        private static IOperation? LambdaOf(IOperation? value) =>
            value?.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;
    }
}
