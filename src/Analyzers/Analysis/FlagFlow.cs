using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// What a local or parameter holds where it is read, for <see cref="AllocFlagsEvaluator"/>:
    /// <c>var gfp = sync ? AllocFlags.NoFs : AllocFlags.NoWait;</c> and <c>gfp &amp;= ~AllocFlags.Fs;</c>
    /// before <c>pool.Rent(gfp)</c> should not count as Default.
    /// </summary>
    /// <remarks>
    /// The nearest write before the read decides when it is a statement of a block that encloses the
    /// read and no later write can loop back to it; otherwise every write of the function is joined
    /// (and a parameter's unknown incoming value with them). A variable written through ref/out, by
    /// deconstruction or from a nested function gives up: it counts as Default.
    /// </remarks>
    internal static class FlagFlow
    {
        internal delegate (GfpFlags May, GfpFlags Must) Evaluate(IOperation? operation, int depth);

        private static readonly (GfpFlags May, GfpFlags Must) Unknown = (GfpFlags.Default, GfpFlags.None);

        internal static (GfpFlags May, GfpFlags Must) ValueAt(ISymbol variable, IOperation read, int depth, Evaluate evaluate)
        {
            IOperation? body = EnclosingFunction(read);
            if (body is null || !TryCollectWrites(variable, body, out List<IOperation> writes))
            {
                return Unknown;
            }

            int position = read.Syntax.SpanStart;
            IOperation? nearest = null;
            foreach (IOperation write in writes)
            {
                int at = write.Syntax.SpanStart;
                if (at < position && (nearest is null || at > nearest.Syntax.SpanStart))
                {
                    nearest = write;
                }
            }

            if (nearest is not null && IsStraightLine(nearest, read) && !LoopsBack(writes, read))
            {
                return ValueOfWrite(variable, nearest, depth, evaluate);
            }

            // Flow-insensitive: join every definition; `&=` only removes bits, so it adds none.
            (GfpFlags May, GfpFlags Must) joined = variable is IParameterSymbol ? Unknown : (GfpFlags.None, GfpFlags.Default);
            foreach (IOperation write in writes)
            {
                if (write is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.And })
                {
                    continue;
                }

                var value = write is ICompoundAssignmentOperation compound ? evaluate(compound.Value, depth + 1) : ValueOfWrite(variable, write, depth, evaluate);
                joined = (joined.May | value.May, joined.Must & value.Must);
            }

            return joined.May == GfpFlags.None && writes.Count == 0 ? Unknown : joined;
        }

        private static (GfpFlags May, GfpFlags Must) ValueOfWrite(ISymbol variable, IOperation write, int depth, Evaluate evaluate)
        {
            switch (write)
            {
                case IVariableDeclaratorOperation declarator:
                    return declarator.GetVariableInitializer() is { } initializer ? evaluate(initializer.Value, depth + 1) : Unknown;
                case ISimpleAssignmentOperation assignment:
                    return evaluate(assignment.Value, depth + 1);
                case ICompoundAssignmentOperation compound:
                    var right = evaluate(compound.Value, depth + 1);
                    var before = depth > 16 ? Unknown : ValueAt(variable, write, depth + 1, evaluate);
                    return compound.OperatorKind switch
                    {
                        BinaryOperatorKind.And => (before.May & right.May, before.Must & right.Must),
                        BinaryOperatorKind.Or => (before.May | right.May, before.Must | right.Must),
                        _ => Unknown,
                    };
                default:
                    return Unknown;
            }
        }

        private static bool TryCollectWrites(ISymbol variable, IOperation body, out List<IOperation> writes)
        {
            writes = new List<IOperation>();
            foreach (IOperation operation in body.Descendants())
            {
                IOperation? write = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable) => declarator,
                    IAssignmentOperation assignment when Is(assignment.Target, variable) => assignment,
                    IIncrementOrDecrementOperation step when Is(step.Target, variable) => step,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Is(argument.Value, variable) => argument,
                    _ => null,
                };
                if (write is null)
                {
                    continue;
                }

                if (write is not (IVariableDeclaratorOperation or ISimpleAssignmentOperation or ICompoundAssignmentOperation) ||
                    write is IDeconstructionAssignmentOperation ||
                    EnclosingFunction(write) != body)
                {
                    return false;
                }

                writes.Add(write);
            }

            return true;
        }

        private static bool Is(IOperation? target, ISymbol variable) =>
            SymbolEqualityComparer.Default.Equals(ScopeRecognition.ReferencedSymbol(target), variable);

        /// <summary>Whether <paramref name="write"/> is a whole statement of a block that also holds the read, before it.</summary>
        private static bool IsStraightLine(IOperation write, IOperation read)
        {
            IOperation statement = write is IVariableDeclaratorOperation ? write : write.Parent ?? write;
            while (statement.Parent is IVariableDeclarationOperation or IVariableDeclarationGroupOperation)
            {
                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            for (IOperation? current = read; current is not null; current = current.Parent)
            {
                if (current == block)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a write after the read sits in a loop around the read, so it can flow back to it.</summary>
        private static bool LoopsBack(List<IOperation> writes, IOperation read)
        {
            for (IOperation? current = read.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    foreach (IOperation write in writes)
                    {
                        if (write.Syntax.SpanStart > read.Syntax.SpanStart && loop.Syntax.Span.Contains(write.Syntax.Span))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The body of the innermost method, local function or lambda around <paramref name="operation"/>.</summary>
        internal static IOperation? EnclosingFunction(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation ||
                    current.Parent is null)
                {
                    return current;
                }
            }

            return null;
        }
    }
}
