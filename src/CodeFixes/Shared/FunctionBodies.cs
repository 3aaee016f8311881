using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>Reads and replaces the body of a function-like node (member, accessor, property, local function, lambda).</summary>
    internal static class FunctionBodies
    {
        internal static BlockSyntax? Block(SyntaxNode function) => function switch
        {
            BaseMethodDeclarationSyntax method => method.Body,
            AccessorDeclarationSyntax accessor => accessor.Body,
            LocalFunctionStatementSyntax local => local.Body,
            AnonymousFunctionExpressionSyntax lambda => lambda.Block,
            _ => null,
        };

        internal static ExpressionSyntax? ExpressionBody(SyntaxNode function) => function switch
        {
            BaseMethodDeclarationSyntax method => method.ExpressionBody?.Expression,
            AccessorDeclarationSyntax accessor => accessor.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression,
            PropertyDeclarationSyntax property => property.ExpressionBody?.Expression,
            IndexerDeclarationSyntax indexer => indexer.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody,
            _ => null,
        };

        /// <summary>Whether the function returns nothing (void, or an async Task/ValueTask), so an expression body becomes an expression statement rather than a return.</summary>
        internal static bool ReturnsVoid(SyntaxNode function, SemanticModel model)
        {
            ISymbol? symbol = function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function).Symbol
                : model.GetDeclaredSymbol(function);
            return symbol is IMethodSymbol method && (method.ReturnsVoid || (method.IsAsync && IsNonGenericTask(method.ReturnType)));
        }

        /// <summary><c>Task</c> or <c>ValueTask</c> without a result: an async function returning it has no value to return.</summary>
        private static bool IsNonGenericTask(ITypeSymbol type) =>
            type is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

        /// <summary>The statement an expression body stands for.</summary>
        internal static StatementSyntax AsStatement(ExpressionSyntax expression, bool returnsVoid)
        {
            ExpressionSyntax bare = expression.WithoutTrivia();
            if (bare is ThrowExpressionSyntax @throw)
            {
                return ThrowStatement(@throw.Expression);
            }

            return returnsVoid ? ExpressionStatement(bare) : ReturnStatement(bare);
        }

        /// <summary>The function with <paramref name="block"/> as its body, in place of an expression body or an old block.</summary>
        internal static SyntaxNode WithBlock(SyntaxNode function, BlockSyntax block) => function switch
        {
            BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
            PropertyDeclarationSyntax property => property.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(block)),
            IndexerDeclarationSyntax indexer => indexer.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(block)),
            AnonymousMethodExpressionSyntax anonymous => anonymous.WithBlock(block),
            LambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(block),
            _ => function,
        };

        private static AccessorListSyntax Getter(BlockSyntax block) =>
            AccessorList(SingletonList(AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, block)));
    }
}
