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
    /// every write to it in its type (its initializer, assignments in constructors, static
    /// constructors and init accessors, however qualified) is a <c>new ReclaimAwareLock(…)</c> whose
    /// <c>reclaimUnsafe</c> argument is the literal <c>true</c>; a ref/out or deconstruction write
    /// makes it untrusted.
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

            // Every other write to the field anywhere in its type (constructors, static constructors,
            // init accessors): a plain assignment must be a reclaim-unsafe creation; a write we cannot
            // read (ref/out argument, deconstruction) makes the lock untrusted.
            foreach (SyntaxReference typeReference in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (IdentifierNameSyntax name in typeReference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (name.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    switch (WriteOf(name))
                    {
                        case AssignmentExpressionSyntax assignment when IsReclaimUnsafeCreation(assignment.Right):
                            assigned = true;
                            break;
                        case null:
                            break;
                        default:
                            return false;
                    }
                }
            }

            return assigned;
        }

        /// <summary>
        /// The syntax that writes through <paramref name="name"/>: the assignment whose target it is
        /// (<c>x = …</c>, <c>this.x = …</c>, <c>T.x = …</c>), the ref/out argument or deconstruction
        /// containing it; null when it is only read.
        /// </summary>
        private static SyntaxNode? WriteOf(IdentifierNameSyntax name)
        {
            ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            switch (target.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == target:
                    return assignment;
                case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword):
                    return argument;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple } when tuple.Parent is AssignmentExpressionSyntax deconstruction && deconstruction.Left == tuple:
                    return deconstruction.Left;
                default:
                    return null;
            }
        }

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
