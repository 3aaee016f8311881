using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Pathological;
using Xunit;
using Xunit.Abstractions;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Every analyzer over each <see cref="PathologicalInputs"/> input, as a whole compilation (the deep
/// ones also on the editor path), on the thread pool's ordinary stacks: no exception, no stack overflow (which would
/// take the test host down), no hang. The timeout is a hang guard, not a timing assertion; the
/// benchmarks (PathologicalBenchmarks) record the times.
/// </summary>
public sealed class PathologicalInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>Each input, and a rule it must trigger (so the analyzers really looked into it) or null where the compiler gives up first.</summary>
    public static TheoryData<string, string?> Inputs() => new()
    {
        { nameof(PathologicalInputs.LongMethod), "NOFS001" },
        { nameof(PathologicalInputs.NestedBlocks), "NOFS001" },
        { nameof(PathologicalInputs.CallChain), "NOFS002" },
        { nameof(PathologicalInputs.NestedLambdas), "NOFS001" },
        { nameof(PathologicalInputs.HugeGenerics), "NOFS002" },
        { nameof(PathologicalInputs.UnsafeCode), "NOFS001" },
        { nameof(PathologicalInputs.PreprocessorMaze), "NOFS001" },
        { nameof(PathologicalInputs.GeneratedFile), "NOFS001" },
    };

    [Fact]
    public void Every_input_is_tested()
    {
        Assert.Equal(PathologicalInputs.Names, Inputs().Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Analyzers_finish_without_exceptions(string name, string? expected)
    {
        CSharpCompilation compilation = await CompileAsync(PathologicalInputs.Get(name));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        using var timeout = new CancellationTokenSource(HangGuard);
        var clock = Stopwatch.StartNew();
        var (diagnostics, exceptions) = await AnalyzeAsync(compilation, tree: null, timeout.Token);
        output.WriteLine($"{name}: {compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count):N0} lines, all analyzers {clock.Elapsed.TotalMilliseconds:F0} ms; " +
            string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        if (expected is not null)
        {
            Assert.Contains(diagnostics, d => d.Id == expected);
        }
    }

    [Theory]
    [InlineData(nameof(PathologicalInputs.NestedBlocks))]
    [InlineData(nameof(PathologicalInputs.NestedLambdas))]
    [InlineData(nameof(PathologicalInputs.PreprocessorMaze))]
    public async Task The_editor_path_finishes_without_exceptions(string name)
    {
        // The deep inputs once more on the editor path (one document's diagnostics), which walks differently.
        // The long method and the call chain are left to the benchmarks: each takes tens of seconds there.
        CSharpCompilation compilation = await CompileAsync(PathologicalInputs.Get(name));
        using var timeout = new CancellationTokenSource(HangGuard);
        var (diagnostics, exceptions) = await AnalyzeAsync(compilation, compilation.SyntaxTrees.Last(), timeout.Token);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task A_source_generated_file_is_skipped()
    {
        CSharpCompilation compilation = await CompileAsync(PathologicalInputs.GeneratedFile());
        var (diagnostics, exceptions) = await AnalyzeAsync(compilation, tree: null, CancellationToken.None);
        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == "NOFS001" && d.Location.SourceTree!.FilePath == "Handwritten.cs");
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree?.FilePath == PathologicalInputs.GeneratedPath);
    }

    private static async Task<CSharpCompilation> CompileAsync(IEnumerable<(string Path, string Text)> files) =>
        CSharpCompilation.Create(
            "Pathological",
            files.Select(f => FuzzProject.Parse(f.Text, f.Path)),
            await AnalyzerHarness.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    /// <summary>All analyzers, concurrently, over the whole compilation or (with a tree) that document's syntax and semantic diagnostics.</summary>
    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyCollection<string> Exceptions)> AnalyzeAsync(Compilation compilation, SyntaxTree? tree, CancellationToken cancellationToken)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(AnalyzerHarness.AllAnalyzers, options);
        ImmutableArray<Diagnostic> diagnostics = tree is null
            ? await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken)
            : (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken))
                .AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, cancellationToken));
        return (diagnostics, exceptions);
    }
}
