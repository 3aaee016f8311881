using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>
    /// Builds the scope syntax the fixes insert. The scope type is written fully qualified
    /// (<c>Memalloc.NoFsScope</c>) and annotated so the simplifier shortens it and adds
    /// <c>using Memalloc;</c> where it is missing, respecting the file's using placement.
    /// </summary>
    internal static class ScopeSyntax
    {
        /// <summary>The document's line ending (the first one found), so inserted lines match the file.</summary>
        internal static SyntaxTrivia EndOfLine(SyntaxNode root)
        {
            foreach (SyntaxTrivia trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return LineFeed;
        }

        /// <summary><c>Memalloc.&lt;name&gt;</c>, for the simplifier to shorten.</summary>
        internal static NameSyntax TypeName(string name) =>
            QualifiedName(IdentifierName("Memalloc"), IdentifierName(name))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary><c>Memalloc.&lt;scopeType&gt;.Enter()</c>.</summary>
        internal static InvocationExpressionSyntax Enter(string scopeType) =>
            InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeName(scopeType), IdentifierName("Enter")));

        /// <summary><c>using (Memalloc.&lt;scopeType&gt;.Enter(arguments)) { statements }</c>.</summary>
        internal static UsingStatementSyntax UsingBlock(string scopeType, SyntaxList<StatementSyntax> statements, ArgumentListSyntax? arguments = null)
        {
            // A last statement that ends in a // comment with no line break after it (the end of the file)
            // gets one, or the closing brace would land inside the comment.
            if (statements.LastOrDefault() is { } last &&
                last.GetTrailingTrivia().LastOrDefault(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)).IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                statements = statements.Replace(last, last.WithTrailingTrivia(last.GetTrailingTrivia().Add(LineFeed)));
            }

            // The closing brace ends its line the way the last wrapped statement did (an elastic
            // newline would make the formatter add a blank line after the block).
            SyntaxTrivia endOfLine = statements.LastOrDefault()?.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : LineFeed;
            BlockSyntax block = Block(Token(SyntaxKind.OpenBraceToken), statements, Token(TriviaList(), SyntaxKind.CloseBraceToken, TriviaList(endOfLine)));
            InvocationExpressionSyntax enter = arguments is null ? Enter(scopeType) : Enter(scopeType).WithArgumentList(arguments);
            return UsingStatement(declaration: null, expression: enter, statement: block)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary><c>using var name = Memalloc.&lt;scopeType&gt;.Enter();</c>.</summary>
        internal static LocalDeclarationStatementSyntax UsingDeclaration(string scopeType, string name)
        {
            VariableDeclarationSyntax declaration = VariableDeclaration(
                IdentifierName(Identifier(TriviaList(), SyntaxKind.VarKeyword, "var", "var", TriviaList())),
                SingletonSeparatedList(VariableDeclarator(Identifier(name)).WithInitializer(EqualsValueClause(Enter(scopeType)))));
            return LocalDeclarationStatement(declaration)
                .WithUsingKeyword(Token(SyntaxKind.UsingKeyword))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
