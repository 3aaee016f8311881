using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using NoFsScope.Analyzers.Internals;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>
    /// No scope survives a <c>yield return</c> (the consumer runs between the items; an async iterator
    /// resumes on the consumer's execution context), so a fix never wraps one. The allocation in
    /// <c>yield return &lt;alloc&gt;;</c> is hoisted instead:
    /// <c>T item; using (Scope.Enter()) { item = &lt;alloc&gt;; } yield return item;</c>.
    /// Any other region that holds a <c>yield return</c> is declined.
    /// </summary>
    internal static class YieldHoist
    {
        /// <summary>Whether <paramref name="node"/> holds a <c>yield return</c> of its own function (not of a nested local function).</summary>
        internal static bool HoldsYieldReturn(SyntaxNode node) =>
            node.DescendantNodesAndSelf(n => n == node || !FunctionSyntax.IsFunction(n)).Any(n => n.IsKind(SyntaxKind.YieldReturnStatement));

        /// <summary>The statement as a <c>yield return &lt;expression&gt;;</c>, or null.</summary>
        internal static YieldStatementSyntax? AsYieldReturn(StatementSyntax statement) =>
            statement is YieldStatementSyntax { Expression: not null } yield && yield.IsKind(SyntaxKind.YieldReturnStatement) ? yield : null;

        /// <summary>
        /// The type of the hoisted local: the iterator's element type the value converts to. Null when it
        /// cannot be written (anonymous or erroneous) or the value declares a variable that the hoisted
        /// block would hide (<c>out var</c>, a pattern).
        /// </summary>
        internal static ITypeSymbol? ItemType(YieldStatementSyntax yield, SemanticModel model)
        {
            if (yield.Expression is not { } value ||
                value.DescendantNodesAndSelf().Any(n => n is SingleVariableDesignationSyntax or ParenthesizedVariableDesignationSyntax))
            {
                return null;
            }

            TypeInfo info = model.GetTypeInfo(value);
            ITypeSymbol? type = info.ConvertedType ?? info.Type;
            return type is null or IErrorTypeSymbol || type.IsAnonymousType || type.TypeKind == TypeKind.Dynamic && info.Type is null ? null : type;
        }

        /// <summary>Replaces <paramref name="yield"/> (in a block or switch section) with the hoisted statements.</summary>
        internal static void HoistInList(DocumentEditor editor, YieldStatementSyntax yield, string scopeType, string name, ITypeSymbol type)
        {
            (LocalDeclarationStatementSyntax declaration, UsingStatementSyntax scoped, YieldStatementSyntax yielded) = Hoisted(editor, yield, scopeType, name, type);
            editor.InsertBefore(yield, new SyntaxNode[] { declaration.WithLeadingTrivia(yield.GetLeadingTrivia()), scoped });
            editor.ReplaceNode(yield, yielded);
        }

        /// <summary>Replaces an embedded <paramref name="yield"/> (<c>if (x) yield return …;</c>) with a block of the hoisted statements.</summary>
        internal static void HoistEmbedded(DocumentEditor editor, YieldStatementSyntax yield, string scopeType, string name, ITypeSymbol type)
        {
            (LocalDeclarationStatementSyntax declaration, UsingStatementSyntax scoped, YieldStatementSyntax yielded) = Hoisted(editor, yield, scopeType, name, type);
            editor.ReplaceNode(yield, Block(declaration, scoped, yielded)
                .WithLeadingTrivia(yield.GetLeadingTrivia())
                .WithTrailingTrivia(yield.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation));
        }

        private static (LocalDeclarationStatementSyntax Declaration, UsingStatementSyntax Scoped, YieldStatementSyntax Yielded) Hoisted(
            DocumentEditor editor, YieldStatementSyntax yield, string scopeType, string name, ITypeSymbol type)
        {
            SyntaxTrivia endOfLine = ScopeSyntax.EndOfLine(editor.OriginalRoot);
            var declaration = LocalDeclarationStatement(VariableDeclaration((TypeSyntax)editor.Generator.TypeExpression(type), SingletonSeparatedList(VariableDeclarator(Identifier(name)))))
                .WithTrailingTrivia(endOfLine)
                .WithAdditionalAnnotations(Formatter.Annotation);
            ExpressionStatementSyntax assignment = ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(name), yield.Expression!.WithoutTrivia()))
                .WithTrailingTrivia(endOfLine);
            string chosen = ScopeChoice.For(scopeType, FunctionSyntax.EnclosingFunction(yield), new SyntaxNode[] { assignment });
            UsingStatementSyntax scoped = ScopeSyntax.UsingBlock(chosen, SingletonList<StatementSyntax>(assignment));
            YieldStatementSyntax yielded = yield.WithExpression(IdentifierName(name).WithTriviaFrom(yield.Expression!))
                .WithLeadingTrivia(ElasticMarker)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return (declaration, scoped, yielded);
        }

        /// <summary>A name for the hoisted local that is free in <paramref name="function"/> and not handed out yet in this fix.</summary>
        internal static string ItemName(SyntaxNode function, SemanticModel model, Dictionary<SyntaxNode, HashSet<string>> handedOut)
        {
            if (!handedOut.TryGetValue(function, out HashSet<string>? names))
            {
                handedOut[function] = names = new HashSet<string>();
            }

            string name = LocalNames.Unique(function, model, "item", names);
            names.Add(name);
            return name;
        }
    }
}
