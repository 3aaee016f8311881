using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>A place where an operation calls a method, and whether the call dispatches virtually.</summary>
    internal readonly struct CallSite
    {
        internal CallSite(IOperation operation, IMethodSymbol target, bool isVirtual)
        {
            Operation = operation;
            Target = target;
            IsVirtual = isVirtual;
        }

        internal IOperation Operation { get; }

        internal IMethodSymbol Target { get; }

        internal bool IsVirtual { get; }
    }

    /// <summary>
    /// The methods an operation calls: invocations and object creations, property and indexer
    /// accessors, user-defined operators and conversions, the enumerator members a <c>foreach</c>
    /// uses and the <c>Dispose</c> a <c>using</c> calls. Local functions and delegate invocations are
    /// not calls to other methods (local functions are part of their caller; a delegate's target is
    /// unknown).
    /// </summary>
    internal static class CallSites
    {
        internal static void Collect(IOperation operation, List<CallSite> into)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    Add(into, operation, invocation.TargetMethod, invocation.IsVirtual);
                    break;
                case IObjectCreationOperation creation when creation.Constructor is not null:
                    Add(into, operation, creation.Constructor, isVirtual: false);
                    break;
                case IPropertyReferenceOperation property:
                    bool isVirtual = property.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } and { Syntax: BaseExpressionSyntax });
                    bool writes = operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;
                    bool reads = !writes || operation.Parent is ICompoundAssignmentOperation or ICoalesceAssignmentOperation;
                    if (reads && property.Property.GetMethod is { } getter)
                    {
                        Add(into, operation, getter, isVirtual);
                    }

                    if ((writes || operation.Parent is IIncrementOrDecrementOperation) && property.Property.SetMethod is { } setter)
                    {
                        Add(into, operation, setter, isVirtual);
                    }

                    break;
                case IBinaryOperation { OperatorMethod: { } binary }:
                    Add(into, operation, binary, isVirtual: false);
                    break;
                case IUnaryOperation { OperatorMethod: { } unary }:
                    Add(into, operation, unary, isVirtual: false);
                    break;
                case IIncrementOrDecrementOperation { OperatorMethod: { } step }:
                    Add(into, operation, step, isVirtual: false);
                    break;
                case ICompoundAssignmentOperation { OperatorMethod: { } compound }:
                    Add(into, operation, compound, isVirtual: false);
                    break;
                case IConversionOperation { OperatorMethod: { } conversion }:
                    Add(into, operation, conversion, isVirtual: false);
                    break;
                case IForEachLoopOperation loop when loop.Syntax is CommonForEachStatementSyntax syntax && operation.SemanticModel is { } model:
                    ForEachStatementInfo info = model.GetForEachStatementInfo(syntax);
                    Add(into, operation, info.GetEnumeratorMethod, isVirtual: true);
                    Add(into, operation, info.MoveNextMethod, isVirtual: true);
                    Add(into, operation, info.CurrentProperty?.GetMethod, isVirtual: true);
                    Add(into, operation, info.DisposeMethod, isVirtual: true);
                    break;
                case IUsingOperation @using:
                    AddDispose(into, operation, @using.Resources);
                    break;
                case IUsingDeclarationOperation usingDeclaration:
                    AddDispose(into, operation, usingDeclaration.DeclarationGroup);
                    break;
            }
        }

        private static void AddDispose(List<CallSite> into, IOperation operation, IOperation resources)
        {
            ITypeSymbol? type = resources switch
            {
                IVariableDeclarationGroupOperation group when group.Declarations.Length > 0 && group.Declarations[0].Declarators.Length > 0
                    => group.Declarations[0].Declarators[0].Symbol.Type,
                _ => resources.Type,
            };
            if (type is null)
            {
                return;
            }

            foreach (ISymbol member in type.GetMembers("Dispose"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0 } dispose)
                {
                    Add(into, operation, dispose, isVirtual: true);
                    return;
                }
            }
        }

        private static void Add(List<CallSite> into, IOperation operation, IMethodSymbol? target, bool isVirtual)
        {
            if (target is null || target.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke or MethodKind.AnonymousFunction)
            {
                return;
            }

            into.Add(new CallSite(operation, target, isVirtual && (target.IsVirtual || target.IsAbstract || target.IsOverride || target.ContainingType?.TypeKind == TypeKind.Interface)));
        }
    }
}
