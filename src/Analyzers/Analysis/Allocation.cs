using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>A call or object creation that may enter reclaim, and what reclaim may do there.</summary>
    internal readonly struct Allocation
    {
        internal Allocation(IOperation operation, IMethodSymbol target, GfpFlags mayUse)
        {
            Operation = operation;
            Target = target;
            MayUse = mayUse;
        }

        internal IOperation Operation { get; }

        internal IMethodSymbol Target { get; }

        /// <summary>The request flags the call may pass: what reclaim may do on its behalf.</summary>
        internal GfpFlags MayUse { get; }
    }
}
