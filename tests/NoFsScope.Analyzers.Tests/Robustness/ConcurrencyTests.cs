using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// The analyzers on one compilation from many threads at once: the driver's concurrent execution
/// (every analyzer calls EnableConcurrentExecution) plus several CompilationWithAnalyzers over the
/// same compilation in parallel, sharing the analyzer instances and the compilation's lazily bound
/// state, the way an IDE runs the build's analysis next to the open documents'. 20 rounds, each on a
/// fresh clone of the compilation, must give exactly the diagnostics of a quiet single run.
/// </summary>
public sealed class ConcurrencyTests
{
    /// <summary>20 in CI; <c>NOFS_CONCURRENCY_ROUNDS</c> raises it to hunt a rare race.</summary>
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("NOFS_CONCURRENCY_ROUNDS"), out int rounds) && rounds > 20 ? rounds : 20;
    private const int ParallelRuns = 4;

    [Fact]
    public async Task Diagnostics_are_identical_across_concurrent_runs()
    {
        FuzzProject project = (await SampleProjects.AllAsync()).Single(p => p.Name == "samples/Violations");
        ImmutableArray<string> expected = await DiagnosticsAsync(project.Compilation.Clone(), project.AnalyzerOptions, concurrent: false);
        Assert.Superset(
            new[] { "NOFS001", "NOFS002", "NOFS003", "NOFS010", "NOFS013" }.ToHashSet(),
            expected.Select(k => k.Substring(0, 7)).ToHashSet());

        for (int round = 0; round < Rounds; round++)
        {
            Compilation shared = project.Compilation.Clone();
            ImmutableArray<string>[] results = await Task.WhenAll(Enumerable.Range(0, ParallelRuns)
                .Select(_ => Task.Run(() => DiagnosticsAsync(shared, project.AnalyzerOptions, concurrent: true))));
            foreach (ImmutableArray<string> result in results)
            {
                Assert.True(
                    expected.SequenceEqual(result),
                    $"round {round}: missing\n  {string.Join("\n  ", expected.Except(result))}\nextra\n  {string.Join("\n  ", result.Except(expected))}\n({expected.Length} expected, {result.Length} reported)");
            }
        }
    }

    [Fact]
    public void The_comparison_sees_message_location_and_additional_locations()
    {
        // Guards the test above: two diagnostics that differ only in one of these must not compare equal.
        SyntaxTree tree = CSharpSyntaxTree.ParseText("class C { }", path: "C.cs");
        var descriptor = new DiagnosticDescriptor("NOFS999", "t", "m {0}", "c", DiagnosticSeverity.Warning, true);
        Location a = Location.Create(tree, new TextSpan(0, 5));
        Location b = Location.Create(tree, new TextSpan(6, 1));
        string key = DiagnosticKey.Of(Diagnostic.Create(descriptor, a, new[] { b }, "x"));
        Assert.Equal(key, DiagnosticKey.Of(Diagnostic.Create(descriptor, a, new[] { b }, "x")));
        Assert.NotEqual(key, DiagnosticKey.Of(Diagnostic.Create(descriptor, a, new[] { b }, "y")));
        Assert.NotEqual(key, DiagnosticKey.Of(Diagnostic.Create(descriptor, b, new[] { b }, "x")));
        Assert.NotEqual(key, DiagnosticKey.Of(Diagnostic.Create(descriptor, a, new[] { a }, "x")));
        Assert.NotEqual(key, DiagnosticKey.Of(Diagnostic.Create(descriptor, a, "x")));
    }

    private static async Task<ImmutableArray<string>> DiagnosticsAsync(Compilation compilation, AnalyzerOptions analyzerOptions, bool concurrent)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(analyzerOptions, (ex, _, _) => exceptions.Enqueue(ex), concurrent, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AnalyzerHarness.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(exceptions);
        return diagnostics.Select(DiagnosticKey.Of).OrderBy(k => k, StringComparer.Ordinal).ToImmutableArray();
    }
}
