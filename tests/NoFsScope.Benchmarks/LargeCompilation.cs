using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Rules.Scopes;
using NoFsScope.Workload;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The generated engine as a compilation: parsed once, then a fresh <see cref="CSharpCompilation"/>
/// per measurement (binding, and every analyzer cache, is per compilation).
/// </summary>
public sealed class LargeCompilation
{
    private LargeCompilation(IReadOnlyList<GeneratedFile> files, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, AdditionalText config)
    {
        Files = files;
        Trees = trees;
        References = references;
        Config = config;
    }

    public IReadOnlyList<GeneratedFile> Files { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The project's NoFsScope.txt, passed to the analyzers as an AdditionalFile.</summary>
    public AdditionalText Config { get; }

    public int LineCount => Files.Sum(f => f.Lines);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Parse);

    /// <summary>A library (NOFS003 only checks libraries) with nullable analysis on, built the way csc builds by default (concurrently).</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: true,
        deterministic: true);

    /// <summary>
    /// Every analyzer NoFsScope.Analyzers ships (each public [DiagnosticAnalyzer] for C#), by type
    /// name, so rules added later are measured without touching the benchmarks.
    /// </summary>
    public static ImmutableArray<Type> AnalyzerTypes { get; } = typeof(NOFS001ReclaimInCallbackAnalyzer).Assembly
        .GetExportedTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) &&
            t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false)
                .Cast<DiagnosticAnalyzerAttribute>()
                .Any(a => a.Languages.Contains(LanguageNames.CSharp)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>A fresh instance of every NoFsScope analyzer, in rule order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => AnalyzerTypes.Select(Instantiate).ToImmutableArray();

    /// <summary>A fresh instance of the analyzer whose type name starts with <paramref name="prefix"/> (<c>NOFS002</c>).</summary>
    public static DiagnosticAnalyzer Analyzer(string prefix) =>
        Instantiate(AnalyzerTypes.Single(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)));

    /// <summary>The rule prefix of each analyzer type: <c>NOFS002</c> for NOFS002ReclaimThroughCallsAnalyzer.</summary>
    public static IEnumerable<string> AnalyzerPrefixes() => AnalyzerTypes.Select(t => t.Name.Substring(0, 7));

    private static DiagnosticAnalyzer Instantiate(Type type) => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;

    /// <summary>Generates and parses the engine (parsing is not part of any measurement).</summary>
    public static LargeCompilation Load(int subsystems = EngineGenerator.DefaultSubsystems, int seed = EngineGenerator.DefaultSeed)
    {
        IReadOnlyList<GeneratedFile> files = EngineGenerator.Generate(subsystems, seed);
        ImmutableArray<SyntaxTree> trees = files
            .AsParallel()
            .AsOrdered()
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, System.Text.Encoding.UTF8), ParseOptions, f.Path))
            .ToImmutableArray();
        var config = new InMemoryAdditionalText("NoFsScope.txt", EngineGenerator.ConfigFile(subsystems));
        return new LargeCompilation(files, trees, FrameworkReferences(), config);
    }

    /// <summary>A fresh compilation of the same trees and references: nothing bound yet.</summary>
    public CSharpCompilation Create() => CSharpCompilation.Create("Engine", Trees, References, CompilationOptions);

    public AnalyzerOptions AnalyzerOptions() => new(ImmutableArray.Create(Config));

    public CompilationWithAnalyzersOptions AnalyzerRunOptions(bool logExecutionTime, Action<Exception, DiagnosticAnalyzer, Diagnostic>? onException = null) => new(
        AnalyzerOptions(),
        onException,
        concurrentAnalysis: true,
        logAnalyzerExecutionTime: logExecutionTime,
        reportSuppressedDiagnostics: false);

    /// <summary>
    /// The running runtime's framework assemblies (the trusted platform assemblies named System.*,
    /// netstandard and mscorlib) and NoFsScope.Runtime. Implementation assemblies rather than
    /// reference assemblies: the binding work is the same, and nothing else is available offline.
    /// </summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        string tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        IEnumerable<string> framework = tpa
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p =>
            {
                string name = Path.GetFileName(p);
                return name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll";
            })
            .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal);
        return framework
            .Append(typeof(Memalloc.AllocFlags).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
