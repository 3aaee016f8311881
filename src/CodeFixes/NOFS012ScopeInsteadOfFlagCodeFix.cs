using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.Analyzers.Rules.Migration;
using NoFsScope.CodeFixes.Shared;

namespace NoFsScope.CodeFixes
{
    /// <summary>
    /// NOFS012: "Use a scope instead of the flag" — passes <c>AllocFlags.Default</c> and wraps the
    /// statement in the matching scope, with the same run logic as the NOFS001 wrap fix (Fix All merges
    /// neighbouring statements into one scope).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS012ScopeInsteadOfFlagCodeFix))]
    [Shared]
    public sealed class NOFS012ScopeInsteadOfFlagCodeFix : CodeFixProvider
    {
        internal const string Key = "NOFS012.ScopeInsteadOfFlag";
        private const string Default = "Default";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.LegacyNoFsFlag);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

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
                if (FlagName(root, diagnostic) is { } flag &&
                    ScopeFixer.CanFix(root, model, diagnostic, ScopeFixKind.WrapStatements, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Use a {flag} scope instead of the flag", ct => FixAsync(context.Document, new[] { diagnostic }, ct), Key),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;

            // 1. Every flag becomes Default; the diagnostics move with the text so the scope fix can find them.
            var fixable = diagnostics.Where(d => FlagName(root, d) is not null).OrderBy(d => d.Location.SourceSpan.Start).ToList();
            var names = fixable.Select(d => ((MemberAccessExpressionSyntax)Node(root, d)).Name).ToList();
            SyntaxNode replaced = root.ReplaceNodes(names, (original, _) => Microsoft.CodeAnalysis.CSharp.SyntaxFactory.IdentifierName(Default).WithTriviaFrom(original));
            Document flagsFixed = document.WithSyntaxRoot(replaced);
            SyntaxTree tree = (await flagsFixed.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;

            var edits = fixable.Zip(names, (d, n) => (Start: d.Location.SourceSpan.Start, Delta: Default.Length - n.Identifier.ValueText.Length)).ToList();
            int ShiftBefore(int position) => edits.Where(e => e.Start < position).Sum(e => e.Delta);

            var moved = new List<Diagnostic>();
            foreach ((Diagnostic diagnostic, int delta) in fixable.Zip(edits, (d, e) => (d, e.Delta)))
            {
                TextSpan span = diagnostic.Location.SourceSpan;
                ImmutableDictionary<string, string?> properties = diagnostic.Properties;
                if (properties.TryGetValue(Analyzers.Analysis.ScopeDiagnostics.CallbackStartProperty, out string? start) &&
                    int.TryParse(start, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int callbackStart))
                {
                    properties = properties.SetItem(
                        Analyzers.Analysis.ScopeDiagnostics.CallbackStartProperty,
                        (callbackStart + ShiftBefore(callbackStart)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                moved.Add(Diagnostic.Create(
                    diagnostic.Descriptor,
                    Location.Create(tree, new TextSpan(span.Start + ShiftBefore(span.Start), span.Length + delta)),
                    properties));
            }

            // 2. The statements holding them go under a scope.
            return await ScopeFixer.FixAsync(flagsFixed, moved, ScopeFixKind.WrapStatements, cancellationToken).ConfigureAwait(false);
        }

        private static string? FlagName(SyntaxNode root, Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(NOFS012LegacyNoFsFlagAnalyzer.FlagProperty, out string? flag) &&
            Node(root, diagnostic) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } && name == flag
                ? flag
                : null;

        private static SyntaxNode Node(SyntaxNode root, Diagnostic diagnostic) =>
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
    }
}
