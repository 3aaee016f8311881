using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.Analyzers.Rules.Discipline;
using NoFsScope.CodeFixes.Shared;

namespace NoFsScope.CodeFixes
{
    /// <summary>
    /// NOFS015: use the async scope. A thread scope's <c>Enter</c> becomes the async scope's
    /// (<c>NoReclaimScope.Enter()</c> becomes <c>AsyncMemallocScope.Enter(MemallocFlags.NoReclaim)</c>);
    /// a <c>Save</c> … <c>Restore</c> pair, in a try/finally or straight-line, becomes
    /// <c>using (AsyncNoFsScope.Enter()) { … }</c> around the same statements. Declines where the
    /// rewrite would change what the code means (the token used elsewhere, a declaration the code
    /// after the region reads, a Save that is discarded or assigned).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS015UseAsyncScopeCodeFix))]
    [Shared]
    public sealed class NOFS015UseAsyncScopeCodeFix : CodeFixProvider
    {
        internal const string Key = "NOFS015.UseAsyncScope";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ThreadScopeAcrossAwait);

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
                if (!diagnostic.Properties.TryGetValue(NOFS015ThreadScopeAcrossAwaitAnalyzer.AsyncScopeProperty, out string? asyncScope) || asyncScope is null ||
                    AsyncScopeRewrite.Plan(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), model, asyncScope, context.CancellationToken) is not { } rewrite)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {asyncScope}",
                        async ct =>
                        {
                            DocumentEditor editor = await DocumentEditor.CreateAsync(context.Document, ct).ConfigureAwait(false);
                            rewrite(editor);
                            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: ct).ConfigureAwait(false);
                        },
                        Key),
                    diagnostic);
            }
        }
    }
}
