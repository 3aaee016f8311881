using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Rules.Scopes;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Corpus;

/// <summary>
/// The clean-code corpus: realistic engine code (Corpus/Files/*.cs.txt) that uses the runtime
/// correctly and must stay free of every NoFsScope diagnostic. All files compile together, the way
/// one user project does, and every DiagnosticAnalyzer in the analyzers assembly runs over them, so
/// a new rule is held to the corpus automatically.
/// </summary>
/// <remarks>
/// <para>A false-positive report becomes a new corpus file (or a snippet in an existing one).</para>
/// <para>
/// Code the analyzers still flag although it is correct lives in KnownFalsePositives.cs.txt, which the
/// clean test excludes; each expected report is marked <c>// corpus:known-fp NOFS001</c> (the rule IDs) on its line. When an
/// analyzer improvement makes a snippet clean, <see cref="Known_false_positives_are_reported_exactly_where_marked"/>
/// fails: move the snippet into the clean corpus.
/// </para>
/// <para>
/// So that the corpus is not vacuous, lines marked <c>// corpus:scope</c> carry a scope, an
/// <c>[InvokedUnderNoFsScope]</c> promise or explicitly safe flags that the code depends on:
/// neutralising that one line (see <see cref="Neutralise"/>) must make NOFS001 fire.
/// </para>
/// </remarks>
public sealed partial class CorpusTests
{
    private const string KnownFalsePositivesFile = "KnownFalsePositives.cs.txt";
    private const string ScopeMarker = "// corpus:scope";

    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(ResolveReferencesAsync);

    private static string FilesFolder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "NoFsScope.Analyzers.Tests", "Corpus", "Files");

    /// <summary>Every marked line of the clean corpus, as (file name, 1-based line number).</summary>
    public static TheoryData<string, int> MarkedScopeLines()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in CleanFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(ScopeMarker, StringComparison.Ordinal))
                {
                    data.Add(Path.GetFileName(file), i + 1);
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task Clean_corpus_compiles_without_warnings_and_has_no_analyzer_diagnostics()
    {
        string[] files = CleanFiles();
        Assert.True(files.Length >= 6, $"expected at least 6 corpus files in {FilesFolder}, found {files.Length}");

        AnalysisResult result = await AnalyzeAsync(files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))));

        Assert.True(result.CompilerDiagnostics.IsEmpty, "the corpus must compile cleanly (errors and warnings):\n" + Format(result.CompilerDiagnostics));
        Assert.True(result.AnalyzerExceptions.IsEmpty, "an analyzer threw on the corpus:\n" + string.Join("\n", result.AnalyzerExceptions));
        Assert.True(
            result.AnalyzerDiagnostics.IsEmpty,
            "false positives on correct code (fix the analyzer, or move the snippet to " + KnownFalsePositivesFile + " and report it):\n" +
            Format(result.AnalyzerDiagnostics));
        Assert.NotEmpty(result.Analyzers.OfType<NOFS001ReclaimInCallbackAnalyzer>());
    }

    [Fact]
    public void Every_corpus_file_marks_at_least_one_scope_it_depends_on()
    {
        var unmarked = CleanFiles()
            .Where(f => !File.ReadAllText(f).Contains(ScopeMarker, StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(unmarked.Count == 0, $"corpus files without a '{ScopeMarker}' line: {string.Join(", ", unmarked)}");
    }

    [Theory]
    [MemberData(nameof(MarkedScopeLines))]
    public async Task Neutralising_a_marked_scope_makes_NOFS001_fire(string fileName, int line)
    {
        string path = Path.Combine(FilesFolder, fileName);
        string[] lines = File.ReadAllLines(path);
        string original = lines[line - 1];
        string mutated = Neutralise(original);
        Assert.True(mutated != original, $"{fileName}({line}): nothing to neutralise on a '{ScopeMarker}' line: {original.Trim()}");
        lines[line - 1] = mutated;

        AnalysisResult result = await AnalyzeAsync([(fileName, string.Join("\n", lines))]);

        Assert.True(
            result.CompilerDiagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
            $"{fileName}({line}): the mutated file must still compile:\n" + Format(result.CompilerDiagnostics));
        Assert.True(result.AnalyzerExceptions.IsEmpty, "an analyzer threw:\n" + string.Join("\n", result.AnalyzerExceptions));
        // The unmutated file is clean (the corpus test), so any NOFS001 here is the mutation's doing. It may be
        // reported above the marked line: in a local function declared earlier, or at a method-group registration.
        Assert.True(
            result.AnalyzerDiagnostics.Any(d => d.Id == "NOFS001"),
            $"{fileName}({line}): with '{original.Trim()}' neutralised to '{mutated.Trim()}', NOFS001 should fire; the corpus test would not catch the loss of this scope. Reported:\n" +
            Format(result.AnalyzerDiagnostics));
    }

    [Fact]
    public async Task Known_false_positives_are_reported_exactly_where_marked()
    {
        string path = Path.Combine(FilesFolder, KnownFalsePositivesFile);
        string text = File.ReadAllText(path);
        string[] lines = text.Split('\n');
        // '// corpus:known-fp NOFS001 NOFS002' lists the rules expected on that line.
        var expected = Enumerable.Range(1, lines.Length)
            .Select(n => (Line: n, Marker: KnownFalsePositiveIds().Match(lines[n - 1])))
            .Where(m => m.Marker.Success)
            .SelectMany(m => m.Marker.Groups["id"].Captures.Select(id => $"{KnownFalsePositivesFile}({m.Line}): {id.Value}"))
            .ToList();

        AnalysisResult result = await AnalyzeAsync([(KnownFalsePositivesFile, text)]);

        Assert.True(result.CompilerDiagnostics.IsEmpty, "the known false positives must compile cleanly:\n" + Format(result.CompilerDiagnostics));
        Assert.True(result.AnalyzerExceptions.IsEmpty, "an analyzer threw:\n" + string.Join("\n", result.AnalyzerExceptions));
        var actual = result.AnalyzerDiagnostics
            .Select(d => $"{KnownFalsePositivesFile}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.Id}")
            .Distinct()
            .ToList();

        // A marked line no longer reported: the analyzer improved, so move that snippet into the clean corpus.
        // A report on an unmarked line: a new false positive (or a wrong snippet), to be marked and documented.
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
    }

    /// <summary>
    /// Takes away what makes a marked line safe: a scope becomes <c>MemallocScope.Enter(MemallocFlags.None)</c>,
    /// saved or scoped flags become <c>MemallocFlags.None</c>, an <c>[InvokedUnderNoFsScope]</c> promise is dropped,
    /// and explicitly safe allocation flags become <c>AllocFlags.Default</c>.
    /// </summary>
    internal static string Neutralise(string line)
    {
        // An async scope stays async (a thread scope could not compile across the await it covers).
        string result = ScopeEnter().Replace(line, "${async}MemallocScope.Enter(MemallocFlags.None)");
        result = ScopeFlagsConstant().Replace(result, "MemallocFlags.None");
        result = InvokedUnderScopeAttribute().Replace(result, string.Empty);
        result = SafeAllocFlags().Replace(result, "AllocFlags.Default");
        return FsMask().Replace(result, "& ~AllocFlags.None");
    }

    [GeneratedRegex(@"// corpus:known-fp(\s+(?<id>NOFS\d{3}))+")]
    private static partial Regex KnownFalsePositiveIds();

    [GeneratedRegex(@"\b(?<async>Async)?(NoFsScope|NoIoScope|NoReclaimScope)\.Enter\(\)")]
    private static partial Regex ScopeEnter();

    [GeneratedRegex(@"\bMemallocFlags\.(NoFs|NoIo|NoReclaim)(\s*\|\s*MemallocFlags\.(NoFs|NoIo|NoReclaim))*")]
    private static partial Regex ScopeFlagsConstant();

    [GeneratedRegex(@"\[InvokedUnderNoFsScope\]|,\s*InvokedUnderNoFsScope\b|\bInvokedUnderNoFsScope\s*,\s*")]
    private static partial Regex InvokedUnderScopeAttribute();

    [GeneratedRegex(@"\bAllocFlags\.(NoFs|NoIo|NoWait|None)\b")]
    private static partial Regex SafeAllocFlags();

    [GeneratedRegex(@"&\s*~AllocFlags\.Fs\b")]
    private static partial Regex FsMask();

    private static string[] CleanFiles() =>
        Directory.GetFiles(FilesFolder, "*.cs.txt")
            .Where(f => !string.Equals(Path.GetFileName(f), KnownFalsePositivesFile, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The NoFsScope.*.txt configuration files of the corpus (for code it cannot annotate), passed as AdditionalFiles.</summary>
    private static ImmutableArray<AdditionalText> ConfigFiles() =>
        Directory.GetFiles(FilesFolder, "NoFsScope*.txt")
            .Where(f => !f.EndsWith(".cs.txt", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (AdditionalText)new FileText(Path.GetFileName(f), File.ReadAllText(f)))
            .ToImmutableArray();

    /// <summary>Every C# analyzer the analyzers assembly ships, so new rules are covered without touching this test.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(NOFS001ReclaimInCallbackAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private static async Task<ImmutableArray<MetadataReference>> ResolveReferencesAsync()
    {
        ImmutableArray<MetadataReference> framework = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return framework.Add(MetadataReference.CreateFromFile(typeof(Memalloc.NoFsScope).Assembly.Location));
    }

    /// <summary>Compiles the sources as one library the way the repository's projects are built, and runs every analyzer.</summary>
    private static async Task<AnalysisResult> AnalyzeAsync(IEnumerable<(string Name, string Text)> sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), parseOptions, path: s.Name))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "NoFsScope.Corpus",
            trees,
            await References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999));

        ImmutableArray<Diagnostic> compilerDiagnostics = compilation.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .ToImmutableArray();

        ImmutableArray<DiagnosticAnalyzer> analyzers = AllAnalyzers();
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ConfigFiles()),
            onAnalyzerException: (ex, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {ex}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> analyzerDiagnostics = await compilation
            .WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        // AD0001 is how an analyzer exception surfaces when no handler takes it; count it as an exception either way.
        foreach (Diagnostic diagnostic in analyzerDiagnostics.Where(d => d.Id == "AD0001"))
        {
            exceptions.Enqueue(diagnostic.ToString());
        }

        return new AnalysisResult(
            analyzers,
            compilerDiagnostics,
            analyzerDiagnostics.Where(d => d.Id != "AD0001" && d.Severity != DiagnosticSeverity.Hidden).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray(),
            exceptions.ToImmutableArray());
    }

    private static string Format(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d =>
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            return $"  {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity} {d.Id}: {d.GetMessage()}";
        }));

    private sealed record AnalysisResult(
        ImmutableArray<DiagnosticAnalyzer> Analyzers,
        ImmutableArray<Diagnostic> CompilerDiagnostics,
        ImmutableArray<Diagnostic> AnalyzerDiagnostics,
        ImmutableArray<string> AnalyzerExceptions);

    /// <summary>An AdditionalFiles entry read from the corpus folder.</summary>
    private sealed class FileText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
