using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.Analyzers.Descriptors;

namespace NoFsScope.CodeFixes
{
    /// <summary>NOFS011: replace a redundant <c>AllocFlags.NoFs</c>/<c>NoIo</c> with <c>AllocFlags.Default</c>; Fix All performs the GFP_NOFS → GFP_KERNEL step.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS011UseDefaultFlagsCodeFix))]
    [Shared]
    public sealed class NOFS011UseDefaultFlagsCodeFix : CodeFixProvider
    {
        internal const string Key = "NOFS011.UseDefault";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RedundantNoFsFlag);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is MemberAccessExpressionSyntax access)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use AllocFlags.Default (the scope removes Fs)",
                            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(access.Name, SyntaxFactory.IdentifierName("Default").WithTriviaFrom(access.Name)))),
                            Key),
                        diagnostic);
                }
            }
        }
    }
}
