using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Internals
{
    internal static class OperationExtensions
    {
        /// <summary>The operand under any implicit or explicit conversions (<c>(AllocFlags)x</c> is <c>x</c>).</summary>
        internal static IOperation WithoutConversions(this IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
