using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>Syntax-level questions about the function (member, accessor, local function, lambda) that owns a body.</summary>
    internal static class FunctionSyntax
    {
        /// <summary>Whether <paramref name="node"/> declares something with a body: a method, constructor, accessor, property, local function or lambda.</summary>
        internal static bool IsFunction(SyntaxNode node) => node is BaseMethodDeclarationSyntax
            or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax
            or BasePropertyDeclarationSyntax;

        /// <summary>The innermost function-like node that is <paramref name="node"/> or contains it.</summary>
        internal static SyntaxNode? EnclosingFunction(SyntaxNode? node)
        {
            for (; node is not null; node = node.Parent)
            {
                if (IsFunction(node))
                {
                    return node;
                }
            }

            return null;
        }

        /// <summary>Whether the function is async or an iterator: a ref struct scope cannot live in it (before C# 13).</summary>
        internal static bool IsAsyncOrIterator(SyntaxNode function)
        {
            SyntaxTokenList modifiers = function switch
            {
                BaseMethodDeclarationSyntax method => method.Modifiers,
                LocalFunctionStatementSyntax local => local.Modifiers,
                AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers,
                AccessorDeclarationSyntax accessor => accessor.Modifiers,
                _ => default,
            };
            if (modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                return true;
            }

            foreach (SyntaxNode descendant in function.DescendantNodes(n => n == function || !IsFunction(n)))
            {
                if (descendant is YieldStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
