using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.Analyzers.Internals;
using NoFsScope.Analyzers.Rules.Discipline;
using NoFsScope.CodeFixes.Shared;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes
{
    /// <summary>
    /// NOFS010: "Add using" — <c>var s = NoFsScope.Enter();</c> becomes <c>using var s = …;</c>, and a
    /// discarded <c>NoFsScope.Enter();</c> becomes <c>using var scope = NoFsScope.Enter();</c> (the
    /// scope then lasts to the end of the block, which is what a statement-level Enter meant).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS010AddUsingCodeFix))]
    [Shared]
    public sealed class NOFS010AddUsingCodeFix : CodeFixProvider
    {
        internal const string Key = "NOFS010.AddUsing";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ScopeNotReleased);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(NOFS010ScopeNotReleasedAnalyzer.FixProperty, out string? fix) || fix != NOFS010ScopeNotReleasedAnalyzer.AddUsing)
                {
                    continue;
                }

                SyntaxNode creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                StatementSyntax? statement = creation.FirstAncestorOrSelf<StatementSyntax>();
                bool canFix = statement switch
                {
                    LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } declaration => declaration.Declaration.Variables.Count == 1,
                    // A thread scope's using declaration cannot live in an async method or iterator; an async scope's can.
                    ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } =>
                        FunctionSyntax.EnclosingFunction(statement) is not { } function || !FunctionSyntax.IsAsyncOrIterator(function) ||
                        ScopeRecognition.IsFlowScopeCreation(model.GetOperation(creation, context.CancellationToken)),
                    _ => false,
                };
                if (canFix)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Add using", ct => AddUsingAsync(context.Document, statement!, ct), Key),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> AddUsingAsync(Document document, StatementSyntax statement, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            StatementSyntax replacement;
            if (statement is LocalDeclarationStatementSyntax declaration)
            {
                replacement = declaration
                    .WithUsingKeyword(Token(SyntaxKind.UsingKeyword).WithLeadingTrivia(declaration.GetLeadingTrivia()).WithTrailingTrivia(Space))
                    .WithDeclaration(declaration.Declaration.WithoutLeadingTrivia());
            }
            else
            {
                var expression = (ExpressionStatementSyntax)statement;
                SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
                string name = LocalNames.Unique(FunctionSyntax.EnclosingFunction(statement) ?? statement.SyntaxTree.GetRoot(cancellationToken), model, "scope");
                replacement = LocalDeclarationStatement(
                        VariableDeclaration(
                            IdentifierName("var"),
                            SingletonSeparatedList(VariableDeclarator(Identifier(name)).WithInitializer(EqualsValueClause(expression.Expression.WithoutTrivia())))))
                    .WithUsingKeyword(Token(SyntaxKind.UsingKeyword))
                    .WithTriviaFrom(statement)
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            return document.WithSyntaxRoot(root.ReplaceNode(statement, replacement));
        }
    }
}
