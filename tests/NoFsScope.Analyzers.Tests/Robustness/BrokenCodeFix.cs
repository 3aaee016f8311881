using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using NoFsScope.Analyzers.Descriptors;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>A broken NOFS001 fix for the guard tests: it throws, or it "fixes" by deleting the document's last close brace.</summary>
internal sealed class BrokenCodeFix(bool throwWhileRegistering) : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReclaimInCallback);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (throwWhileRegistering)
        {
            throw new InvalidOperationException("BrokenCodeFix was here");
        }

        context.RegisterCodeFix(CodeAction.Create("Delete a brace", ct => DeleteBraceAsync(context.Document, ct), "Delete a brace"), context.Diagnostics);
        return Task.CompletedTask;
    }

    private static async Task<Document> DeleteBraceAsync(Document document, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken))!;
        SyntaxToken brace = root.DescendantTokens().Last(t => t.IsKind(SyntaxKind.CloseBraceToken));
        return document.WithSyntaxRoot(root.ReplaceToken(brace, SyntaxFactory.MissingToken(SyntaxKind.CloseBraceToken)));
    }
}
