using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Workload;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// The benchmark workload (<see cref="EngineGenerator"/>), small: every performance number in the
/// benchmarks README is measured on it, so it must stay valid C# (a compiler error makes the binder
/// skip work and the numbers meaningless) and keep exercising every rule the report counts.
/// </summary>
public sealed class GeneratedEngineTests
{
    private const int Subsystems = 6;

    [Fact]
    public async Task The_generated_engine_compiles_without_errors_or_warnings()
    {
        CSharpCompilation compilation = await CompileAsync();

        Diagnostic[] problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();

        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public async Task Every_counted_rule_fires_on_the_generated_engine_and_no_analyzer_throws()
    {
        CSharpCompilation compilation = await CompileAsync();
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("NoFsScope.txt", EngineGenerator.ConfigFile(Subsystems)))),
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AnalyzerHarness.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        HashSet<string> ids = diagnostics.Select(d => d.Id).ToHashSet();
        Assert.Equal(new[] { "NOFS001", "NOFS002", "NOFS003", "NOFS010", "NOFS011", "NOFS900" }, ids.Order());
    }

    private static async Task<CSharpCompilation> CompileAsync() =>
        CSharpCompilation.Create(
            "Engine",
            EngineGenerator.Generate(Subsystems).Select(f => CSharpSyntaxTree.ParseText(f.Text, new CSharpParseOptions(LanguageVersion.CSharp12), f.Path)),
            await AnalyzerHarness.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
