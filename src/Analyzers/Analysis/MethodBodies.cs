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
