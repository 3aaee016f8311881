using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Every sample file of the repository, grouped the way it is compiled: each project under
/// samples/ (its *.cs and NoFsScope*.txt), the clean-code corpus (Corpus/Files/*.cs.txt) and the
/// package consumer's sources (tests/PackageConsumer), where Writeback.Scoped.cs.txt replaces
/// Writeback.cs.txt and so forms a project of its own.
/// </summary>
internal static class SampleProjects
{
    private static readonly Lazy<Task<ImmutableArray<FuzzProject>>> Projects = new(LoadAsync);

    public static Task<ImmutableArray<FuzzProject>> AllAsync() => Projects.Value;

    /// <summary>Every sample source file of tests and samples, repository-relative: what the fuzz test must cover.</summary>
    public static IEnumerable<string> ExpectedFiles() =>
        Files("samples", "*.cs", SearchOption.AllDirectories)
            .Concat(Files(CorpusFolder, "*.cs.txt", SearchOption.TopDirectoryOnly))
            .Concat(Files(PackageConsumerFolder, "*.cs.txt", SearchOption.TopDirectoryOnly))
            .Concat(AnalyzerHarness.SampleSourcePaths().Select(Relative))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal);

    private static string CorpusFolder { get; } = "tests/NoFsScope.Analyzers.Tests/Corpus/Files";

    private static string PackageConsumerFolder { get; } = "tests/PackageConsumer";

    private static async Task<ImmutableArray<FuzzProject>> LoadAsync()
    {
        ImmutableArray<MetadataReference> references = await AnalyzerHarness.References.Value;
        var projects = new List<FuzzProject>();
        foreach (string csproj in Files("samples", "*.csproj", SearchOption.AllDirectories))
        {
            string folder = Path.GetDirectoryName(csproj)!.Replace('\\', '/');
            OutputKind kind = File.ReadAllText(Absolute(csproj)).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal)
                ? OutputKind.ConsoleApplication
                : OutputKind.DynamicallyLinkedLibrary;
            projects.Add(Project(folder, kind, Files(folder, "*.cs", SearchOption.TopDirectoryOnly).Select(p => (p, true)), references));
        }

        projects.Add(Project(CorpusFolder, OutputKind.DynamicallyLinkedLibrary, Files(CorpusFolder, "*.cs.txt", SearchOption.TopDirectoryOnly).Select(p => (p, true)), references));

        string[] consumer = Files(PackageConsumerFolder, "*.cs.txt", SearchOption.TopDirectoryOnly).ToArray();
        string scoped = consumer.Single(p => p.EndsWith(".Scoped.cs.txt", StringComparison.Ordinal));
        string unscoped = scoped.Replace(".Scoped.cs.txt", ".cs.txt", StringComparison.Ordinal);
        projects.Add(Project(PackageConsumerFolder, OutputKind.DynamicallyLinkedLibrary, consumer.Where(p => p != scoped).Select(p => (p, true)), references));
        projects.Add(Project(
            PackageConsumerFolder + " (scoped)",
            OutputKind.DynamicallyLinkedLibrary,
            consumer.Where(p => p != unscoped).Select(p => (p, p == scoped)),
            references,
            PackageConsumerFolder));
        return projects.ToImmutableArray();
    }

    private static FuzzProject Project(string name, OutputKind kind, IEnumerable<(string Path, bool Fuzzed)> files, ImmutableArray<MetadataReference> references, string? folder = null) =>
        new(
            name,
            kind,
            files.Select(f => (f.Path, File.ReadAllText(Absolute(f.Path)), f.Fuzzed)),
            Files(folder ?? name, "NoFsScope*.txt", SearchOption.TopDirectoryOnly)
                .Where(p => !p.EndsWith(".cs.txt", StringComparison.Ordinal))
                .Select(p => new InMemoryAdditionalText(Path.GetFileName(p), File.ReadAllText(Absolute(p)))),
            references);

    /// <summary>Repository-relative paths of the matching files below a repository-relative folder, skipping build output.</summary>
    private static IEnumerable<string> Files(string folder, string pattern, SearchOption option) =>
        Directory.EnumerateFiles(Absolute(folder), pattern, option)
            .Select(Relative)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);

    private static string Absolute(string relative) => Path.Combine(RepositoryPaths.Root, relative);

    private static string Relative(string absolute) => Path.GetRelativePath(RepositoryPaths.Root, absolute).Replace('\\', '/');
}
