using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// For rules that ask "is this operation under a scope?" anywhere, not only in callbacks: the body
    /// whose start is where the thread's flags are last known — the member's body, or the innermost
    /// lambda or method group that runs later (Task.Run, a field, an event) or as a callback of its
    /// own, since such a lambda starts with whatever flags its invoker has.
    /// </summary>
    internal static class ExecutionRoots
    {
        internal static IOperation Of(IOperation operation)
        {
            IOperation current = operation;
            for (IOperation? parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda &&
                    DelegateUsage.Classify(lambda, out _, out _) != DelegateRole.Synchronous)
                {
                    return lambda;
                }
            }

            return current;
        }

        /// <summary>The method whose body <paramref name="root"/> is, when it is a member body (not a lambda).</summary>
        internal static IMethodSymbol? MethodOf(IOperation root, ISymbol containingSymbol) =>
            root is IAnonymousFunctionOperation ? null : containingSymbol as IMethodSymbol;
    }
}
