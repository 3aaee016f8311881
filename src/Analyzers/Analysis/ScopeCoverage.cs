using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Answers "is this operation, inside the callback body <see cref="_root"/>, under a scope that
    /// satisfies the callback?" by walking from the operation up to the root:
    /// <list type="bullet">
    /// <item>the body of <c>using (NoFsScope.Enter())</c> is covered;</item>
    /// <item>statements after <c>using var s = NoFsScope.Enter();</c> in the same list are covered;</item>
    /// <item>statements after <c>var saved = MemallocContext.Save(c);</c> are covered up to the first <c>MemallocContext.Restore(saved)</c>;</item>
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
        private readonly KnownSymbols _known;
        private readonly Dictionary<IOperation, ImmutableArray<ScopeStart>> _startsByList = new();
        private Dictionary<IMethodSymbol, Coverage>? _localFunctionEntries;

        internal ScopeCoverage(IOperation root, CallbackKind kind, ScopeFlags rootFlags, KnownSymbols known)
        {
            _root = root;
            _satisfiedBy = kind.SatisfiedBy();
            _rootCovered = (rootFlags & _satisfiedBy) != 0;
            _known = known;
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
                        if (DelegateUsage.Classify(current, _known, out _, out _) != DelegateRole.Synchronous)
                        {
                            return Coverage.NotReached;
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
                    return Satisfies(ScopeFlagsOfResources(@using.Resources));
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
            if (!_startsByList.TryGetValue(owner, out ImmutableArray<ScopeStart> starts))
            {
                starts = FindStarts(statements);
                _startsByList.Add(owner, starts);
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

        private static ImmutableArray<ScopeStart> FindStarts(ImmutableArray<IOperation> statements)
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
                                    Add(ref starts, new ScopeStart(end, FindRestore(statements, i + 1, declarator.Symbol), saved));
                                }
                            }
                        }

                        break;

                    case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }:
                        ScopeFlags assigned = ScopeRecognition.FlagsOfSave(assignment.Value);
                        ISymbol? target = ScopeRecognition.ReferencedSymbol(assignment.Target);
                        if (assigned != ScopeFlags.None && target is not null)
                        {
                            Add(ref starts, new ScopeStart(end, FindRestore(statements, i + 1, target), assigned));
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

        /// <summary>The position of the first <c>MemallocContext.Restore(saved)</c> in the statements from <paramref name="from"/> on.</summary>
        private static int FindRestore(ImmutableArray<IOperation> statements, int from, ISymbol saved)
        {
            for (int i = from; i < statements.Length; i++)
            {
                foreach (IOperation operation in statements[i].DescendantsAndSelf())
                {
                    if (ScopeRecognition.IsRestoreOf(operation, saved))
                    {
                        return operation.Syntax.SpanStart;
                    }
                }
            }

            return int.MaxValue;
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
        /// How a local function is entered: the join over its call sites and method-group uses,
        /// computed for all local functions of the root at once as a least fixpoint (calls from
        /// other local functions, and recursion, depend on those functions' own entries).
        /// </summary>
        private Coverage EntryOf(IMethodSymbol localFunction)
        {
            if (_localFunctionEntries is null)
            {
                ComputeLocalFunctionEntries();
            }

            return _localFunctionEntries!.TryGetValue(localFunction.OriginalDefinition, out Coverage entry) ? entry : Coverage.NotReached;
        }

        private void ComputeLocalFunctionEntries()
        {
            var entries = new Dictionary<IMethodSymbol, Coverage>(SymbolEqualityComparer.Default);
            var uses = new List<(IMethodSymbol Function, IOperation Site)>();
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
                }
            }

            // Published before iterating: uses inside local functions read the current approximation.
            _localFunctionEntries = entries;
            bool changed;
            do
            {
                changed = false;
                foreach ((IMethodSymbol function, IOperation site) in uses)
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
    }
}
