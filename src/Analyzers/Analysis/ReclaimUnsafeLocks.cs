using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Recognises <c>lockField.Acquire()</c> on a <c>Memalloc.ReclaimAwareLock</c> that is provably
    /// reclaim-unsafe: holding it implies NoFs at run time, so code inside <c>using (l.Acquire())</c>
    /// is under a NoFs scope.
    /// </summary>
    /// <remarks>
    /// Provably means: the lock is a <c>readonly</c> field (static or instance) of the compilation and
    /// every assignment to it (its initializer, and assignments in the constructors of its type) is a
    /// <c>new ReclaimAwareLock(…)</c> whose <c>reclaimUnsafe</c> argument is the literal <c>true</c>.
    /// A lock in a local, a parameter, a property or a mutable field is not trusted: a different
    /// lock could be there when the code runs.
    /// </remarks>
    internal static class ReclaimUnsafeLocks
    {
        private const string ReclaimUnsafeParameter = "reclaimUnsafe";

        /// <summary>Whether <paramref name="invocation"/> acquires a lock that is reclaim-unsafe by construction.</summary>
        internal static bool IsReclaimUnsafeAcquire(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name != "Acquire" || method.IsStatic || !MemallocNames.IsMemallocType(method.ContainingType, MemallocNames.ReclaimAwareLock))
            {
                return false;
            }

            return ScopeRecognition.ReferencedSymbol(invocation.Instance) is IFieldSymbol { IsReadOnly: true } field
                && IsAlwaysReclaimUnsafe(field, cancellationToken);
        }

        private static bool IsAlwaysReclaimUnsafe(IFieldSymbol field, CancellationToken cancellationToken)
        {
            bool assigned = false;
            foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                {
                    if (!IsReclaimUnsafeCreation(initializer))
                    {
                        return false;
                    }

                    assigned = true;
                }
            }

            foreach (SyntaxReference typeReference in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (typeReference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type)
                {
                    continue;
                }

                foreach (MemberDeclarationSyntax member in type.Members)
                {
                    if (member is not ConstructorDeclarationSyntax constructor)
                    {
                        continue;
                    }

                    foreach (AssignmentExpressionSyntax assignment in constructor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                    {
                        if (AssignedName(assignment.Left) != field.Name)
                        {
                            continue;
                        }

                        if (!IsReclaimUnsafeCreation(assignment.Right))
                        {
                            return false;
                        }

                        assigned = true;
                    }
                }
            }

            return assigned;
        }

        private static string? AssignedName(ExpressionSyntax left) => left switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            _ => null,
        };

        private static bool IsReclaimUnsafeCreation(ExpressionSyntax value)
        {
            if (value is not BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { } arguments })
            {
                return false;
            }

            for (int i = 0; i < arguments.Count; i++)
            {
                ArgumentSyntax argument = arguments[i];
                bool isReclaimUnsafe = argument.NameColon is { } name
                    ? name.Name.Identifier.ValueText == ReclaimUnsafeParameter
                    : i == 1;
                if (isReclaimUnsafe)
                {
                    return argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression);
                }
            }

            return false;
        }
    }
}
