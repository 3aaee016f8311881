using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Which <c>AllocFlags</c> bits an argument may carry. Constants are exact; <c>&amp;</c>, <c>|</c>,
    /// <c>^</c>, <c>~</c>, conversions, conditionals and <c>MemallocContext.Effective(x)</c> are followed;
    /// anything else may carry every bit (it counts as <c>AllocFlags.Default</c>).
    /// </summary>
    internal static class AllocFlagsEvaluator
    {
        /// <summary>Expressions nested deeper than this are not followed (they count as Default).</summary>
        private const int MaxDepth = 32;

        internal static GfpFlags MayCarry(IOperation value) => Evaluate(value, 0).May;

        private static (GfpFlags May, GfpFlags Must) Evaluate(IOperation? operation, int depth)
        {
            (GfpFlags, GfpFlags) unknown = (GfpFlags.Default, GfpFlags.None);
            if (operation is null || depth > MaxDepth)
            {
                return unknown;
            }

            if (operation.ConstantValue is { HasValue: true, Value: { } constant })
            {
                GfpFlags exact = (GfpFlags)(System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture) & (long)GfpFlags.Default);
                return (exact, exact);
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return FlagFlow.ValueAt(local.Local, operation, depth, Evaluate);

                case IParameterReferenceOperation parameter:
                    return FlagFlow.ValueAt(parameter.Parameter, operation, depth, Evaluate);

                case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when operation.SemanticModel is { } model &&
                    MethodBodies.FindInitializer(field, model.Compilation, default) is { } initializer:
                    // `static readonly AllocFlags MetadataGfp = AllocFlags.NoFs;`
                    return Evaluate(initializer, depth + 1);

                case IThrowOperation:
                    // Contributes no value: neutral for both unions and intersections.
                    return (GfpFlags.None, GfpFlags.Default);

                case IConversionOperation conversion:
                    return Evaluate(conversion.Operand, depth + 1);

                case IBinaryOperation binary:
                    var left = Evaluate(binary.LeftOperand, depth + 1);
                    var right = Evaluate(binary.RightOperand, depth + 1);
                    return binary.OperatorKind switch
                    {
                        BinaryOperatorKind.And => (left.May & right.May, left.Must & right.Must),
                        BinaryOperatorKind.Or => (left.May | right.May, left.Must | right.Must),
                        BinaryOperatorKind.ExclusiveOr => (left.May | right.May, (left.Must & ~right.May) | (right.Must & ~left.May)),
                        _ => unknown,
                    };

                case IUnaryOperation { OperatorKind: UnaryOperatorKind.BitwiseNegation } not:
                    var inner = Evaluate(not.Operand, depth + 1);
                    return (~inner.Must & GfpFlags.Default, ~inner.May & GfpFlags.Default);

                case ISwitchExpressionOperation switchExpression when switchExpression.Arms.Length > 0:
                    (GfpFlags May, GfpFlags Must) arms = (GfpFlags.None, GfpFlags.Default);
                    foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                    {
                        var value = Evaluate(arm.Value, depth + 1);
                        arms = (arms.May | value.May, arms.Must & value.Must);
                    }

                    return arms;

                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    var whenTrue = Evaluate(conditional.WhenTrue, depth + 1);
                    var whenFalse = Evaluate(conditional.WhenFalse, depth + 1);
                    return (whenTrue.May | whenFalse.May, whenTrue.Must & whenFalse.Must);

                case IInvocationOperation { TargetMethod: { Name: "Effective", Parameters.Length: 1 } effective } invocation
                    when MemallocNames.IsMemallocType(effective.ContainingType, MemallocNames.MemallocContext) && invocation.Arguments.Length == 1:
                    // Effective() only ever removes bits from its argument.
                    return (Evaluate(invocation.Arguments[0].Value, depth + 1).May, GfpFlags.None);

                default:
                    return unknown;
            }
        }
    }
}
