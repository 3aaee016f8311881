using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace NoFsScope.Analyzers.Tests;

/// <summary>Runs every NoFsScope analyzer over plain C# sources, outside the verifier, collecting analyzer exceptions.</summary>
internal static class AnalyzerHarness
{
    /// <summary>.NET 8 reference assemblies and NoFsScope.Runtime.</summary>
    public static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(async () =>
    {
        ImmutableArray<MetadataReference> framework = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return framework.Add(MetadataReference.CreateFromFile(typeof(Memalloc.NoFsScope).Assembly.Location));
    });

    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers { get; } =
        typeof(Descriptors.RuleIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(
        IEnumerable<string> sources, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var compilation = CSharpCompilation.Create(
            "Harness",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"File{i}.cs")),
            await References.Value,
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions);
    }

    /// <summary>Every C# file of the samples: realistic code to cut up.</summary>
    public static IEnumerable<string> SampleSources() => SampleSourcePaths().Select(File.ReadAllText);

    /// <summary>The absolute paths of <see cref="SampleSources"/>.</summary>
    public static IEnumerable<string> SampleSourcePaths() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);
}
