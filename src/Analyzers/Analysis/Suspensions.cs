using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Where a function gives up its thread: <c>await</c>, <c>yield return</c>, <c>await foreach</c>
    /// and <c>await using</c>. Code after such a point may run on another thread, so a thread scope
    /// (or a <c>MemallocContext.Save</c>) entered before it no longer holds there. Nested lambdas and
    /// local functions are other functions and are not searched.
    /// </summary>
    internal static class Suspensions
    {
        /// <summary>
        /// The first suspension in <paramref name="statements"/> from index <paramref name="from"/> on,
        /// and the source position from which code may run on another thread; null when there is none.
        /// A suspension inside a loop makes the whole loop suspect (its next iteration runs after it).
        /// </summary>
        internal static (IOperation Suspension, int ResumesFrom)? First(ImmutableArray<IOperation> statements, int from)
        {
            for (int i = from; i < statements.Length; i++)
            {
                if (FirstIn(statements[i]) is { } suspension)
                {
                    return (suspension, ResumesFrom(suspension, statements[i]));
                }
            }

            return null;
        }

        /// <summary>The first suspension inside <paramref name="region"/> in source order, or null.</summary>
        internal static IOperation? FirstIn(IOperation region)
        {
            var pending = new Stack<IOperation>();
            pending.Push(region);
            IOperation? first = null;
            while (pending.Count > 0)
            {
                IOperation operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (IsSuspension(operation) && (first is null || operation.Syntax.SpanStart < first.Syntax.SpanStart))
                {
                    first = operation;
                }

                foreach (IOperation child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return first;
        }

        private static bool IsSuspension(IOperation operation) => operation switch
        {
            IAwaitOperation => true,
            IReturnOperation { Kind: OperationKind.YieldReturn } => true,
            IForEachLoopOperation { IsAsynchronous: true } => true,
            IUsingOperation { IsAsynchronous: true } => true,
            _ => false,
        };

        /// <summary>Where code may first run after the suspension: after its operand, or from the start of the outermost loop around it.</summary>
        private static int ResumesFrom(IOperation suspension, IOperation statement)
        {
            int position = suspension switch
            {
                IAwaitOperation await => await.Operation.Syntax.Span.End,
                IForEachLoopOperation loop => loop.Collection.Syntax.Span.End,
                _ => suspension.Syntax.Span.End,
            };
            for (IOperation? current = suspension.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation loop && loop != suspension)
                {
                    position = loop.Syntax.SpanStart;
                }

                if (current == statement)
                {
                    break;
                }
            }

            return position;
        }
    }
}
