using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Pathological;

namespace NoFsScope.Benchmarks;

/// <summary>One <see cref="PathologicalInputs"/> input, parsed once; every measurement starts from a fresh compilation.</summary>
public sealed class PathologicalWorkload
{
    private static readonly ImmutableArray<MetadataReference> References = LargeCompilation.FrameworkReferences();

    private static readonly CSharpCompilationOptions Options = LargeCompilation.CompilationOptions.WithAllowUnsafe(true);

    private readonly ImmutableArray<SyntaxTree> _trees;

    public PathologicalWorkload(string name, IEnumerable<(string Path, string Text)> files)
    {
        Name = name;
        _trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), LargeCompilation.ParseOptions, f.Path)).ToImmutableArray();
    }

    public string Name { get; }

    public int Lines => _trees.Sum(t => t.GetText().Lines.Count);

    public static PathologicalWorkload Load(string name) => new(name, PathologicalInputs.Get(name));

    public CSharpCompilation Create() => CSharpCompilation.Create("Pathological", _trees, References, Options);

    /// <summary>The plain compile: declaration and body diagnostics, what the compiler does before emit.</summary>
    public int Compile() => Create().GetDiagnostics().Length;

    /// <summary>Compile and every NoFsScope analyzer over the whole compilation, as a build does.</summary>
    public ImmutableArray<Diagnostic> Analyze() => Create()
        .WithAnalyzers(LargeCompilation.AllAnalyzers(), Run)
        .GetAnalyzerDiagnosticsAsync(CancellationToken.None)
        .GetAwaiter()
        .GetResult();

    /// <summary>The editor path: syntax and semantic diagnostics of the last file (the pathological one) alone.</summary>
    public int AnalyzeLastDocument()
    {
        CSharpCompilation compilation = Create();
        SyntaxTree tree = compilation.SyntaxTrees.Last();
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(LargeCompilation.AllAnalyzers(), Run);
        return withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None).GetAwaiter().GetResult().Length +
            withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult().Length;
    }

    private static CompilationWithAnalyzersOptions Run { get; } = new(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
        onAnalyzerException: null,
        concurrentAnalysis: true,
        logAnalyzerExecutionTime: false);
}
