using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Finds the region a scope or a <c>MemallocContext.Save</c> holds its flags over, and the first
    /// suspension in it that the scope does not survive: <c>using (NoFsScope.Enter()) { … }</c> holds its
    /// body; <c>using var s = NoFsScope.Enter();</c> the rest of its statement list; a Save (or an
    /// explicitly disposed scope) the statements up to the matching Restore (or Dispose). A thread scope
    /// or Save does not survive any <c>await</c>/<c>yield return</c>/<c>await foreach</c>/<c>await using</c>;
    /// an async scope survives all but <c>yield return</c>.
    /// </summary>
    internal static class ThreadScopeRegions
    {
        internal static ThreadScopeRegion? Find(IInvocationOperation creation)
        {
            string? threadScope = ScopeRecognition.ThreadScopeTypeCreated(creation);
            string? flowScope = threadScope is null ? ScopeRecognition.ScopeTypeCreated(creation) : null;
            bool isSave = threadScope is null && flowScope is null && ScopeRecognition.IsSave(creation);
            if (threadScope is null && flowScope is null && !isSave)
            {
                return null;
            }

            bool yieldsOnly = flowScope is not null;
            IOperation node = creation;
            while (node.Parent is IConversionOperation or IParenthesizedOperation)
            {
                node = node.Parent;
            }

            ISymbol? holder = null;
            IOperation? statement = null;
            switch (node.Parent)
            {
                case IUsingOperation @using when @using.Resources == node:
                    return Region(creation, Suspensions.FirstIn(@using.Body, yieldsOnly), Suspensions.HoldsYieldReturn(@using.Body, int.MaxValue), threadScope ?? flowScope, isSave, holder: null);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    holder = declarator.Symbol;
                    if (declarator.Parent?.Parent is IVariableDeclarationGroupOperation group)
                    {
                        if (group.Parent is IUsingOperation groupUsing)
                        {
                            return Region(creation, Suspensions.FirstIn(groupUsing.Body, yieldsOnly), Suspensions.HoldsYieldReturn(groupUsing.Body, int.MaxValue), threadScope ?? flowScope, isSave, holder);
                        }

                        statement = group.Parent is IUsingDeclarationOperation usingDeclaration ? usingDeclaration : group;
                    }

                    break;
                case ISimpleAssignmentOperation assignment when assignment.Value == node && assignment.Parent is IExpressionStatementOperation:
                    holder = ScopeRecognition.ReferencedSymbol(assignment.Target);
                    statement = assignment.Parent;
                    break;
                case IExpressionStatementOperation discarded:
                    statement = discarded;
                    break;
            }

            ImmutableArray<IOperation> statements = statement?.Parent switch
            {
                IBlockOperation block => block.Operations,
                ISwitchCaseOperation section => section.Body,
                _ => ImmutableArray<IOperation>.Empty,
            };
            int index = statement is null ? -1 : statements.IndexOf(statement);
            if (index < 0)
            {
                return null;
            }

            int closesAt = holder is null || statement is IUsingDeclarationOperation
                ? int.MaxValue
                : ScopeCoverage.FindClose(statements, index + 1, holder, dispose: !isSave);
            IOperation? suspension = Suspensions.FirstIn(statements, index + 1, yieldsOnly);
            bool holdsYield = false;
            for (int i = index + 1; i < statements.Length && !holdsYield; i++)
            {
                holdsYield = Suspensions.HoldsYieldReturn(statements[i], closesAt);
            }

            return Region(creation, suspension is not null && Suspensions.SuspendsAt(suspension) < closesAt ? suspension : null, holdsYield, threadScope ?? flowScope, isSave, holder);
        }

        private static ThreadScopeRegion? Region(IInvocationOperation creation, IOperation? suspension, bool holdsYieldReturn, string? scopeType, bool isSave, ISymbol? holder)
        {
            if (suspension is null)
            {
                return null;
            }

            string what = isSave
                ? holder is null ? "The MemallocContext.Save here" : $"The MemallocContext.Save in '{holder.Name}'"
                : $"The {scopeType} entered here";
            ScopeFlags flags = isSave ? ScopeRecognition.FlagsOfSave(creation) : ScopeRecognition.FlagsOfScopeCreation(creation);
            return new ThreadScopeRegion(creation, suspension, what, ScopeRecognition.IsFlowScopeCreation(creation) ? scopeType! : AsyncScopeFor(isSave ? null : scopeType, flags), holdsYieldReturn);
        }

        /// <summary>The async scope that sets the same flags: a fixed one where it exists, else <c>AsyncMemallocScope</c>.</summary>
        private static string AsyncScopeFor(string? threadScope, ScopeFlags flags)
        {
            if (threadScope is MemallocNames.NoFsScope or MemallocNames.NoIoScope)
            {
                return MemallocNames.AsyncCounterpart(threadScope);
            }

            return threadScope is null && flags == ScopeFlags.NoFs ? MemallocNames.AsyncNoFsScope
                : threadScope is null && flags == ScopeFlags.NoIo ? MemallocNames.AsyncNoIoScope
                : MemallocNames.AsyncMemallocScope;
        }
    }
}
