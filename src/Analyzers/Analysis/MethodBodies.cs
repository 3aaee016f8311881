using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>Finds the operation tree of a source method's body from anywhere in the compilation.</summary>
    internal static class MethodBodies
    {
        /// <summary>The body (or, for a local function, the declaration) of <paramref name="method"/>, or null outside source.</summary>
        internal static IOperation? Find(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            IMethodSymbol definition = method.OriginalDefinition.PartialImplementationPart ?? method.OriginalDefinition;
            foreach (SyntaxReference reference in definition.DeclaringSyntaxReferences)
            {
                SyntaxNode syntax = reference.GetSyntax(cancellationToken);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

                // The body may live in another document than the one being analyzed, so the semantic model
                // comes from the compilation; this is what an interprocedural rule has to do.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
                SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                IOperation? body = model.GetOperation(syntax, cancellationToken);
                if (body is not null)
                {
                    return body;
                }
            }

            return null;
        }

        /// <summary>
        /// The body <see cref="Find"/> returns for <paramref name="method"/>, reached from <paramref name="block"/>,
        /// an operation block the driver hands to an action (its root, when the method has one declaration
        /// and is not partial, and the root is the operation of that declaration); otherwise null.
        /// </summary>
        internal static IOperation? WholeBodyOf(IMethodSymbol method, IOperation block, CancellationToken cancellationToken)
        {
            if (method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null ||
                method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            IOperation root = block;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            return root.Syntax == method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) ? root : null;
        }

        /// <summary>The initializer value of a field declared in source (<c>= AllocFlags.NoFs</c>), or null.</summary>
        internal static IOperation? FindInitializer(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
            {
                SyntaxNode syntax = reference.GetSyntax(cancellationToken);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

#pragma warning disable RS1030 // The field may be declared in another document (see Find).
                SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
                if (syntax is VariableDeclaratorSyntax { Initializer: { } equalsValue } &&
                    model.GetOperation(equalsValue, cancellationToken) is IFieldInitializerOperation initializer)
                {
                    return initializer.Value;
                }
            }

            return null;
        }
    }
}
