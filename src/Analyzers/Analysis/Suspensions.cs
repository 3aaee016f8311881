using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Where a function gives up its thread: <c>await</c>, <c>yield return</c>, <c>await foreach</c>,
    /// <c>await using (…)</c> and <c>await using var</c> (whose <c>DisposeAsync</c> is awaited at the end
    /// of its block). Code after such a point may run on another thread, so a thread scope (or a
    /// <c>MemallocContext.Save</c>) entered before it no longer holds there. A <c>yield return</c> also
    /// hands control to the consumer, so it ends every scope, async ones included. Nested lambdas and
    /// local functions are other functions and are not searched.
    /// </summary>
    internal static class Suspensions
    {
        /// <summary>
        /// The suspension in <paramref name="statements"/> from index <paramref name="from"/> on from which
        /// code first resumes, and that source position; null when there is none. A suspension inside a loop
        /// makes the whole loop suspect (its next iteration runs after it). With <paramref name="yieldsOnly"/>
        /// only <c>yield return</c> counts (what ends an async scope).
        /// </summary>
        internal static (IOperation Suspension, int ResumesFrom)? First(ImmutableArray<IOperation> statements, int from, bool yieldsOnly = false)
        {
            (IOperation Suspension, int ResumesFrom)? first = null;
            for (int i = from; i < statements.Length; i++)
            {
                foreach (IOperation suspension in In(statements[i], yieldsOnly))
                {
                    int resumesFrom = ResumesFrom(suspension, statements[i]);
                    if (first is null || resumesFrom < first.Value.ResumesFrom)
                    {
                        first = (suspension, resumesFrom);
                    }
                }
            }

            return first;
        }

        /// <summary>The first source position in <paramref name="region"/> from which code may run after one of its suspensions; <see cref="int.MaxValue"/> when none.</summary>
        internal static int FirstResumeIn(IOperation region, bool yieldsOnly)
        {
            int first = int.MaxValue;
            foreach (IOperation suspension in In(region, yieldsOnly))
            {
                int resumesFrom = ResumesFrom(suspension, region);
                if (resumesFrom < first)
                {
                    first = resumesFrom;
                }
            }

            return first;
        }

        /// <summary>The suspension inside <paramref name="region"/> that suspends first (see <see cref="SuspendsAt"/>), or null.</summary>
        internal static IOperation? FirstIn(IOperation region, bool yieldsOnly = false) => Earliest(In(region, yieldsOnly), null);

        /// <summary>The suspension in <paramref name="statements"/> from index <paramref name="from"/> on that suspends first, or null.</summary>
        internal static IOperation? FirstIn(ImmutableArray<IOperation> statements, int from, bool yieldsOnly = false)
        {
            IOperation? first = null;
            for (int i = from; i < statements.Length; i++)
            {
                first = Earliest(In(statements[i], yieldsOnly), first);
            }

            return first;
        }

        /// <summary>
        /// Where the function actually suspends: at an <c>await using var</c> declaration that is the end of
        /// its block (where <c>DisposeAsync</c> is awaited); elsewhere where the suspension is written.
        /// </summary>
        internal static int SuspendsAt(IOperation suspension) =>
            suspension is IUsingDeclarationOperation && suspension.Parent is { } block ? block.Syntax.Span.End : suspension.Syntax.SpanStart;

        /// <summary>Whether <paramref name="region"/> holds a <c>yield return</c> of its own function before source position <paramref name="before"/>.</summary>
        internal static bool HoldsYieldReturn(IOperation region, int before)
        {
            foreach (IOperation suspension in In(region, yieldsOnly: true))
            {
                if (suspension.Syntax.SpanStart < before)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every suspension of <paramref name="region"/>'s own function inside it.</summary>
        internal static IEnumerable<IOperation> In(IOperation region, bool yieldsOnly = false)
        {
            var pending = new Stack<IOperation>();
            pending.Push(region);
            while (pending.Count > 0)
            {
                IOperation operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (yieldsOnly ? IsYieldReturn(operation) : IsSuspension(operation))
                {
                    yield return operation;
                }

                foreach (IOperation child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }

        internal static bool IsYieldReturn(IOperation operation) => operation is IReturnOperation { Kind: OperationKind.YieldReturn };

        private static IOperation? Earliest(IEnumerable<IOperation> suspensions, IOperation? first)
        {
            foreach (IOperation suspension in suspensions)
            {
                if (first is null || SuspendsAt(suspension) < SuspendsAt(first))
                {
                    first = suspension;
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
            IUsingDeclarationOperation { IsAsynchronous: true } => true,
            _ => false,
        };

        /// <summary>
        /// Where code may first run after the suspension: after its operand, after the end of the block of an
        /// <c>await using var</c>, or from the start of the outermost loop around it.
        /// </summary>
        private static int ResumesFrom(IOperation suspension, IOperation statement)
        {
            int position = suspension switch
            {
                IAwaitOperation await => await.Operation.Syntax.Span.End,
                IForEachLoopOperation loop => loop.Collection.Syntax.Span.End,
                IUsingDeclarationOperation => SuspendsAt(suspension),
                _ => suspension.Syntax.Span.End,
            };
            // Stops at the statement: a loop around the whole list is not the region's concern.
            for (IOperation? current = suspension; current is not null && current != statement; current = current.Parent)
            {
                if (current.Parent is ILoopOperation loop)
                {
                    position = loop.Syntax.SpanStart;
                }
            }

            return position;
        }
    }
}
