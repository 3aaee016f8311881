using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Descriptors;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// One sample project as the fuzz test compiles it: its C# files (parsed once), its NoFsScope.txt
/// files and a compilation of the intact files, from which every variant replaces one tree (so the
/// other trees, their declarations and the references are shared).
/// </summary>
internal sealed class FuzzProject
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12);

    public FuzzProject(string name, OutputKind outputKind, IEnumerable<(string Path, string Text, bool Fuzzed)> sources, IEnumerable<InMemoryAdditionalText> additionalTexts, ImmutableArray<MetadataReference> references)
    {
        Name = name;
        Documents = sources
            .Select(s => new FuzzDocument(s.Path, s.Text, Parse(s.Text, s.Path), s.Fuzzed))
            .ToImmutableArray();
        AdditionalTexts = additionalTexts.ToImmutableArray();
        References = references;
        CompilationOptions = new CSharpCompilationOptions(
            outputKind,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false,
            // The rules that are off by default are on here, so their analyzers and fixes are fuzzed too.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                [RuleIds.RedundantNoFsFlag] = ReportDiagnostic.Warn,
                [RuleIds.LegacyNoFsFlag] = ReportDiagnostic.Warn,
            });
        AssemblyName = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '.').ToArray());
        Compilation = CSharpCompilation.Create(AssemblyName, Documents.Select(d => d.Tree), references, CompilationOptions);
    }

    public string Name { get; }

    /// <summary>The name with every character that is not a letter or digit replaced by a dot (samples.Migration.After).</summary>
    public string AssemblyName { get; }

    public ImmutableArray<FuzzDocument> Documents { get; }

    public ImmutableArray<InMemoryAdditionalText> AdditionalTexts { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public CSharpCompilationOptions CompilationOptions { get; }

    /// <summary>The intact project. Compilations are immutable; each variant derives its own.</summary>
    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions AnalyzerOptions => new(AdditionalTexts.CastArray<AdditionalText>());

    public static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), ParseOptions, path);

    /// <summary>The project with <paramref name="document"/>'s text replaced: the compilation an editor analyzes after an edit.</summary>
    public (CSharpCompilation Compilation, SyntaxTree Tree) WithText(FuzzDocument document, string text)
    {
        SyntaxTree tree = Parse(text, document.Path);
        return (Compilation.ReplaceSyntaxTree(document.Tree, tree), tree);
    }

    public override string ToString() => Name;
}
