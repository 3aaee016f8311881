using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Classifies a lambda, anonymous method or method-group reference by where its delegate goes.
    /// An argument is assumed to be invoked synchronously unless the callee is a known deferral
    /// (<see cref="DeferringMethods.Contains"/>) or the parameter says otherwise
    /// (<c>[DeferredCallback]</c>, or a callback attribute). A delegate stored in a local runs where
    /// the local is invoked, assumed nearby; one stored anywhere else (field, property, event,
    /// return value) runs later.
    /// </summary>
    internal static class DelegateUsage
    {
        internal static DelegateRole Classify(IOperation function, out CallbackKind kind, out IMethodSymbol? receiver)
        {
            kind = CallbackKind.None;
            receiver = null;
            IOperation? current = function.Parent;
            if (current is not IDelegateCreationOperation)
            {
                // An expression tree, or a method reference that is invoked directly: nothing runs here.
                return function is IAnonymousFunctionOperation ? DelegateRole.Deferred : DelegateRole.Synchronous;
            }

            IOperation node = current;
            current = current.Parent;
            // The delegate value flows through conversions and conditionals (`c ? x => … : y => …`) to where it is used.
            while (current is IConversionOperation or IParenthesizedOperation or IConditionalOperation or ICoalesceOperation)
            {
                node = current;
                current = current.Parent;
            }

            switch (current)
            {
                case IArgumentOperation { Parameter: { } parameter } argument:
                    receiver = argument.Parent switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IObjectCreationOperation creation => creation.Constructor,
                        _ => null,
                    };
                    kind = CallbackDiscovery.KindOf(parameter);
                    if (kind != CallbackKind.None)
                    {
                        return DelegateRole.CallbackRoot;
                    }

                    if (MemallocNames.HasAttribute(parameter, MemallocNames.DeferredCallbackAttribute) ||
                        (receiver is not null && DeferringMethods.Contains(receiver)))
                    {
                        return DelegateRole.Deferred;
                    }

                    return DelegateRole.Synchronous;

                case IVariableInitializerOperation:
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation } assignment when assignment.Value == node:
                case IInvocationOperation:
                    return DelegateRole.Synchronous;

                default:
                    return DelegateRole.Deferred;
            }
        }
    }
}
