using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Analyzes one variant of a sample project with a set of analyzers (and, for
/// <see cref="VariantCheck.DocumentAndFixes"/>, runs a set of code fixes) and reports every
/// exception, hang and error-adding fix as a failure instead of throwing, so one run lists them all.
/// </summary>
internal sealed class VariantChecker
{
    public VariantChecker(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixes)
    {
        Analyzers = analyzers;
        Fixes = new CodeFixRunner(fixes);
    }

    /// <summary>Every analyzer and every code fix NoFsScope ships.</summary>
    public static VariantChecker Shipped { get; } = new(AnalyzerHarness.AllAnalyzers, CodeFixRunner.ShippedFixes);

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    private CodeFixRunner Fixes { get; }

    public async Task<VariantOutcome> CheckAsync(FuzzProject project, FuzzDocument document, string text, VariantCheck check)
    {
        using var timeout = new CancellationTokenSource(FuzzSettings.VariantTimeout);
        var failures = new List<string>();
        try
        {
            return check == VariantCheck.DocumentAndFixes
                ? await Fixes.RunAsync(this, project, document, text, failures, timeout.Token)
                : await AnalyzeOnlyAsync(project, document, text, check, failures, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failures.Add($"hang: still running after {FuzzSettings.VariantTimeout.TotalSeconds} s");
        }
        catch (Exception ex)
        {
            failures.Add("exception outside any analyzer callback (driver or compiler): " + ex);
        }

        return new VariantOutcome(failures, 0, 0, 0);
    }

    /// <summary>
    /// The NoFsScope diagnostics of <paramref name="tree"/> (or of the whole compilation); analyzer
    /// exceptions, however they surface (the exception callback or an AD0001 diagnostic), go to <paramref name="failures"/>.
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, SyntaxTree tree, AnalyzerOptions options, bool wholeCompilation, List<string> failures, CancellationToken cancellationToken)
    {
        var exceptions = new ConcurrentQueue<string>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            options,
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: false, // variants run in parallel instead
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(Analyzers, analyzerOptions);
        ImmutableArray<Diagnostic> diagnostics = wholeCompilation
            ? await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken)
            : (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken))
                .AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), filterSpan: null, cancellationToken));
        failures.AddRange(exceptions);
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return diagnostics.Where(d => d.Id.StartsWith("NOFS", StringComparison.Ordinal)).ToImmutableArray();
    }

    private async Task<VariantOutcome> AnalyzeOnlyAsync(FuzzProject project, FuzzDocument document, string text, VariantCheck check, List<string> failures, CancellationToken cancellationToken)
    {
        var (compilation, tree) = project.WithText(document, text);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(compilation, tree, project.AnalyzerOptions, check == VariantCheck.Compilation, failures, cancellationToken);
        return new VariantOutcome(failures, diagnostics.Length, 0, 0);
    }
}
