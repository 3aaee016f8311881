using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// The light bulb on broken code: the variant is opened in an <see cref="AdhocWorkspace"/>, its
/// document analyzed, and every code fix that handles a reported NoFsScope diagnostic is asked for
/// its code actions. Each action's operations are computed and its changed solution compiled: it
/// must not have more compiler errors than the variant had. The first action of each variant is
/// also applied through the workspace (<see cref="CodeActionOperation.Apply"/>, i.e. TryApplyChanges);
/// later ones cannot be, since a workspace only accepts solutions forked from its current one.
/// </summary>
internal sealed class CodeFixRunner(ImmutableArray<CodeFixProvider> fixes)
{
    /// <summary>Diagnostics per variant whose fixes run (the first of each rule, then in order): bounds the cost.</summary>
    private const int MaxFixedDiagnostics = 3;

    /// <summary>Every exported code fix provider in the NoFsScope.CodeFixes assembly.</summary>
    public static ImmutableArray<CodeFixProvider> ShippedFixes { get; } =
        typeof(NoFsScope.CodeFixes.NOFS001ScopeCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public async Task<VariantOutcome> RunAsync(VariantChecker checker, FuzzProject project, FuzzDocument document, string text, List<string> failures, CancellationToken cancellationToken)
    {
        // Most variants have nothing to fix: find out on the shared compilation before paying for a workspace.
        var (quick, quickTree) = project.WithText(document, text);
        ImmutableArray<Diagnostic> found = await checker.AnalyzeAsync(quick, quickTree, project.AnalyzerOptions, wholeCompilation: false, failures, cancellationToken);
        if (!found.Any(d => fixes.Any(f => f.FixableDiagnosticIds.Contains(d.Id))))
        {
            return new VariantOutcome(failures, found.Length, 0, 0);
        }

        using var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId(project.Name);
        DocumentId documentId = Open(workspace, projectId, project, document, text);
        Solution variant = workspace.CurrentSolution;
        Document opened = variant.GetDocument(documentId)!;
        Compilation compilation = (await opened.Project.GetCompilationAsync(cancellationToken))!;
        SyntaxTree tree = (await opened.GetSyntaxTreeAsync(cancellationToken))!;
        ImmutableArray<Diagnostic> diagnostics = await checker.AnalyzeAsync(compilation, tree, opened.Project.AnalyzerOptions, wholeCompilation: false, new List<string>(), cancellationToken);

        int computed = 0;
        int applied = 0;
        foreach (Diagnostic diagnostic in Sample(diagnostics))
        {
            foreach (CodeFixProvider fix in fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                string where = $"{fix.GetType().Name} on {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}";
                foreach (CodeAction action in await ActionsAsync(fix, opened, diagnostic, where, failures, cancellationToken))
                {
                    ImmutableArray<CodeActionOperation> operations;
                    try
                    {
                        operations = await action.GetOperationsAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failures.Add($"{where}: computing '{action.Title}' threw {ex}");
                        continue;
                    }

                    foreach (ApplyChangesOperation change in operations.OfType<ApplyChangesOperation>())
                    {
                        computed++;
                        ImmutableArray<DocumentId> touched = change.ChangedSolution.GetChanges(variant).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()).ToImmutableArray();
                        int errorsBefore = await ErrorsAsync(variant, touched, cancellationToken);
                        int errorsAfter = await ErrorsAsync(change.ChangedSolution, touched, cancellationToken);
                        if (errorsAfter > errorsBefore)
                        {
                            failures.Add($"{where}: '{action.Title}' raised the compiler errors from {errorsBefore} to {errorsAfter}:\n{await ChangedTextAsync(change.ChangedSolution, documentId, cancellationToken)}");
                        }

                        if (applied == 0)
                        {
                            change.Apply(workspace, cancellationToken);
                            SourceText inWorkspace = await workspace.CurrentSolution.GetDocument(documentId)!.GetTextAsync(cancellationToken);
                            SourceText expected = await change.ChangedSolution.GetDocument(documentId)!.GetTextAsync(cancellationToken);
                            if (!inWorkspace.ContentEquals(expected))
                            {
                                failures.Add($"{where}: the workspace did not take '{action.Title}'");
                            }

                            applied++;
                        }
                    }
                }
            }
        }

        return new VariantOutcome(failures, diagnostics.Length, computed, applied);
    }

    public static int Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// Compiler errors in the given documents (declarations and bodies): what a fix of those documents
    /// can have broken. Each document is parsed again from its text, since a tree a fix built by hand
    /// carries no parse errors even where its text does not parse (a missing token prints as nothing).
    /// </summary>
    private static async Task<int> ErrorsAsync(Solution solution, ImmutableArray<DocumentId> documents, CancellationToken cancellationToken)
    {
        foreach (DocumentId id in documents)
        {
            solution = solution.WithDocumentText(id, SourceText.From((await solution.GetDocument(id)!.GetTextAsync(cancellationToken)).ToString()));
        }

        int errors = 0;
        foreach (DocumentId id in documents)
        {
            SemanticModel model = (await solution.GetDocument(id)!.GetSemanticModelAsync(cancellationToken))!;
            errors += model.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        }

        return errors;
    }

    private static DocumentId Open(AdhocWorkspace workspace, ProjectId projectId, FuzzProject project, FuzzDocument target, string text)
    {
        DocumentId targetId = DocumentId.CreateNewId(projectId, target.Path);
        var documents = project.Documents.Select(d => DocumentInfo.Create(
            d == target ? targetId : DocumentId.CreateNewId(projectId, d.Path),
            d.Path,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(d == target ? text : d.Text), VersionStamp.Create(), d.Path)),
            filePath: d.Path));
        var additional = project.AdditionalTexts.Select(a => DocumentInfo.Create(
            DocumentId.CreateNewId(projectId, a.Path),
            a.Path,
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(a.Text), VersionStamp.Create(), a.Path)),
            filePath: a.Path));
        workspace.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            project.Name,
            project.AssemblyName,
            LanguageNames.CSharp,
            compilationOptions: project.CompilationOptions,
            parseOptions: FuzzProject.ParseOptions,
            documents: documents,
            metadataReferences: project.References,
            additionalDocuments: additional));
        return targetId;
    }

    /// <summary>Up to <see cref="MaxFixedDiagnostics"/> diagnostics, one per rule first so every fix gets its turn.</summary>
    private static IEnumerable<Diagnostic> Sample(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .GroupBy(d => d.Id)
            .SelectMany(g => g.Select((d, rank) => (d, rank)))
            .OrderBy(x => x.rank)
            .ThenBy(x => x.d.Id, StringComparer.Ordinal)
            .Take(MaxFixedDiagnostics)
            .Select(x => x.d);

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic, string where, List<string> failures, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        try
        {
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failures.Add($"{where}: RegisterCodeFixesAsync threw {ex}");
        }

        return actions;
    }

    private static async Task<string> ChangedTextAsync(Solution solution, DocumentId documentId, CancellationToken cancellationToken) =>
        (await solution.GetDocument(documentId)!.GetTextAsync(cancellationToken)).ToString();
}
