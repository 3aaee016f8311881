using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.CodeFixes;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Ide;

/// <summary>
/// Drives the analyzers and the NOFS001 fix the way an editor does: a workspace with one project and
/// document; each keystroke batch changes the document's text; the squiggles are the semantic
/// diagnostics of that document's tree alone; the light bulb lists the code actions the fix provider
/// registers for the diagnostic under the caret; choosing one applies its solution to the workspace.
/// </summary>
public sealed class EditorLoopTests
{
    private const string Caret = "/*caret*/";

    private const string Source = $$"""
        using Memalloc;

        namespace Editor;

        public sealed class Pool
        {
            [MayReclaim]
            public byte[] Rent() => new byte[4096];
        }

        public abstract class AddressSpaceOperations
        {
            [WritebackCallback]
            public abstract void WritePages(Pool pool);
        }

        public sealed class Aops : AddressSpaceOperations
        {
            public override void WritePages(Pool pool)
            {
                {{Caret}}
            }
        }
        """;

    [Fact]
    public async Task Typing_an_unscoped_allocation_shows_NOFS001_and_the_light_bulb_fix_clears_it()
    {
        using var workspace = new AdhocWorkspace();
        DocumentId documentId = await OpenAsync(workspace, Source.Replace(Caret, string.Empty, StringComparison.Ordinal));
        Assert.Empty(await SquigglesAsync(workspace, documentId));

        // The user types an allocation into the callback.
        const string typed = "byte[] bio = pool.Rent();";
        SourceText text = await workspace.CurrentSolution.GetDocument(documentId)!.GetTextAsync();
        int caret = Source.IndexOf(Caret, StringComparison.Ordinal);
        Assert.True(workspace.TryApplyChanges(workspace.CurrentSolution.WithDocumentText(documentId, text.WithChanges(new TextChange(new TextSpan(caret, 0), typed)))));

        Diagnostic squiggle = Assert.Single(await SquigglesAsync(workspace, documentId));
        Assert.Equal(RuleIds.ReclaimInCallback, squiggle.Id);
        Assert.Equal(DiagnosticSeverity.Error, squiggle.Severity);
        Assert.Equal("pool.Rent()", (await workspace.CurrentSolution.GetDocument(documentId)!.GetTextAsync()).ToString(squiggle.Location.SourceSpan));

        // The light bulb on the squiggle, and its first entry.
        IReadOnlyList<CodeAction> actions = await LightBulbAsync(workspace.CurrentSolution.GetDocument(documentId)!, squiggle);
        Assert.Equal(["Wrap in NoFs scope", "Scope the whole callback"], actions.Select(a => a.Title));
        ImmutableArray<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations));
        Assert.True(workspace.TryApplyChanges(apply.ChangedSolution));

        Document fixedDocument = workspace.CurrentSolution.GetDocument(documentId)!;
        Assert.Contains("using (NoFsScope.Enter())", (await fixedDocument.GetTextAsync()).ToString(), StringComparison.Ordinal);
        Assert.Empty(await SquigglesAsync(workspace, documentId));
        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    private static async Task<DocumentId> OpenAsync(AdhocWorkspace workspace, string text)
    {
        var project = ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "Engine",
            "Engine",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            metadataReferences: await AnalyzerHarness.References.Value);
        Document document = workspace.AddProject(project).AddDocument("Aops.cs", SourceText.From(text));
        Assert.True(workspace.TryApplyChanges(document.Project.Solution));
        return document.Id;
    }

    /// <summary>What the editor underlines: every analyzer's semantic diagnostics for this document's tree only.</summary>
    private static async Task<ImmutableArray<Diagnostic>> SquigglesAsync(Workspace workspace, DocumentId documentId)
    {
        Document document = workspace.CurrentSolution.GetDocument(documentId)!;
        SemanticModel model = (await document.GetSemanticModelAsync())!;
        var failures = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            document.Project.AnalyzerOptions,
            (exception, analyzer, diagnostic) => { lock (failures) { failures.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await model.Compilation
            .WithAnalyzers(AnalyzerHarness.AllAnalyzers, options)
            .GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None);
        Assert.Empty(failures);
        return diagnostics;
    }

    private static async Task<IReadOnlyList<CodeAction>> LightBulbAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new NOFS001ScopeCodeFix().RegisterCodeFixesAsync(context);
        return actions;
    }
}
