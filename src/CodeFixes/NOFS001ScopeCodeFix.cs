using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.Analyzers.Internals;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.CodeFixes.Shared;

namespace NoFsScope.CodeFixes
{
    /// <summary>
    /// Fixes NOFS001 two ways: "Wrap in NoFs scope" (the smallest run of statements) and "Scope the
    /// whole callback" (a <c>using var</c> scope as the callback's first statement). I/O callbacks get
    /// NoIoScope. In async methods, async lambdas and iterators the fix inserts the async scope
    /// (<c>AsyncNoFsScope</c>, <c>AsyncNoIoScope</c>) when the wrapped region holds an await, or when
    /// the language version allows no ref struct local there (before C# 13); otherwise the thread scope
    /// (see <see cref="ScopeChoice"/>). No scope survives a <c>yield return</c>: <c>yield return &lt;alloc&gt;;</c>
    /// is hoisted into a local assigned under the scope (see <see cref="YieldHoist"/>), any other region
    /// holding a yield return gets no fix, and "Scope the whole callback" is not offered in an iterator
    /// that yields.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NOFS001ScopeCodeFix))]
    [Shared]
    public sealed class NOFS001ScopeCodeFix : CodeFixProvider
    {
        internal const string WrapKey = "NOFS001.WrapInScope";
        internal const string ScopeCallbackKey = "NOFS001.ScopeWholeCallback";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReclaimInCallback, RuleIds.ReclaimThroughCalls, RuleIds.PromiseBroken);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
            async (context, document, diagnostics) => await ScopeFixer.FixAsync(
                document,
                diagnostics,
                context.CodeActionEquivalenceKey == ScopeCallbackKey ? ScopeFixKind.ScopeWholeCallback : ScopeFixKind.WrapStatements,
                context.CancellationToken).ConfigureAwait(false));

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
                string scope = diagnostic.Properties.TryGetValue(ScopeDiagnostics.ScopeTypeProperty, out string? type) && type == MemallocNames.NoIoScope
                    ? "NoIo"
                    : "NoFs";
                if (ScopeFixer.CanFix(root, model, diagnostic, ScopeFixKind.WrapStatements, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Wrap in {scope} scope",
                            ct => ScopeFixer.FixAsync(context.Document, new[] { diagnostic }, ScopeFixKind.WrapStatements, ct),
                            WrapKey),
                        diagnostic);
                }

                if (ScopeFixer.CanFix(root, model, diagnostic, ScopeFixKind.ScopeWholeCallback, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            diagnostic.Id == RuleIds.PromiseBroken ? "Scope the whole method" : "Scope the whole callback",
                            ct => ScopeFixer.FixAsync(context.Document, new[] { diagnostic }, ScopeFixKind.ScopeWholeCallback, ct),
                            ScopeCallbackKey),
                        diagnostic);
                }
            }
        }
    }
}
