using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// The analyzers and code fixes see broken code while the user types: they must never throw (AD0001),
/// hang, or "fix" code into more compiler errors. Every sample file of tests and samples is mutated
/// (<see cref="SourceMutator"/>) into <see cref="FuzzSettings.Variants"/> seeded variants, round robin
/// over the files, and each variant is analyzed in its own project (<see cref="SampleProjects"/>).
/// </summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_analyzer_or_code_fix_fails_on_mutated_sample_files()
    {
        ImmutableArray<FuzzProject> projects = await SampleProjects.AllAsync();
        var targets = projects.SelectMany(p => p.Documents.Where(d => d.Fuzzed).Select(d => (Project: p, Document: d))).ToImmutableArray();
        int variants = FuzzSettings.Variants;
        int seed = FuzzSettings.Seed;
        var failures = new ConcurrentQueue<string>();
        var kinds = new int[SourceMutator.KindCount];
        var checkMilliseconds = new long[Enum.GetValues<VariantCheck>().Length];
        int diagnostics = 0, codeActions = 0, applied = 0, fixVariants = 0;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, variants),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, _) =>
            {
                var (project, document) = targets[index % targets.Length];
                var (mutation, check) = Variant(document, seed, index);
                long started = Stopwatch.GetTimestamp();
                VariantOutcome outcome = await VariantChecker.Shipped.CheckAsync(project, document, mutation.Text, check);
                Interlocked.Add(ref checkMilliseconds[(int)check], (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref kinds[(int)mutation.Kind]);
                Interlocked.Add(ref diagnostics, outcome.Diagnostics);
                Interlocked.Add(ref codeActions, outcome.CodeActions);
                Interlocked.Add(ref applied, outcome.AppliedThroughWorkspace);
                if (check == VariantCheck.DocumentAndFixes)
                {
                    Interlocked.Increment(ref fixVariants);
                }

                foreach (string failure in outcome.Failures)
                {
                    failures.Enqueue($"NOFS_FUZZ_SEED={seed} variant {index} ({check}) of {document.Path}, {mutation.Description}:\n  {failure}");
                }
            });

        output.WriteLine(
            $"{variants} variants of {targets.Length} files in {projects.Length} projects, seed {seed}, {clock.Elapsed.TotalSeconds:F1} s; " +
            $"kinds {string.Join("/", kinds)}; ms per check kind {string.Join("/", checkMilliseconds)}; {diagnostics} NoFsScope diagnostics; {fixVariants} variants through the code fixes: " +
            $"{codeActions} code actions computed and compiled, {applied} applied through the workspace; {failures.Count} failures");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures; the first ones:\n" + string.Join("\n\n", failures.Take(10)));

        // Not vacuous: every file and every kind of mutation ran, the analyzers reported on broken code and the fixes ran.
        Assert.True(variants >= FuzzSettings.DefaultVariants);
        Assert.True(variants >= targets.Length * SourceMutator.KindCount, "too few variants to cover every file");
        Assert.All(kinds, count => Assert.True(count > 0));
        Assert.True(diagnostics > variants, $"only {diagnostics} NoFsScope diagnostics on {variants} variants: the analysis is not running");
        Assert.True(codeActions >= variants / FuzzSettings.FixEvery / 2, $"only {codeActions} code actions on {fixVariants} variants: the fixes are not running");
        Assert.True(applied > 0);
    }

    [Fact]
    public async Task Every_sample_file_of_tests_and_samples_is_fuzzed_exactly_once()
    {
        ImmutableArray<FuzzProject> projects = await SampleProjects.AllAsync();
        var fuzzed = projects.SelectMany(p => p.Documents.Where(d => d.Fuzzed).Select(d => d.Path)).OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(SampleProjects.ExpectedFiles(), fuzzed);
        Assert.True(fuzzed.Count() >= 30);
    }

    [Fact]
    public async Task Intact_sample_projects_compile_and_the_checker_sees_their_diagnostics()
    {
        // Guards the fuzz test against a harness that silently analyzes nothing or fuzzes projects that never compiled.
        ImmutableArray<FuzzProject> projects = await SampleProjects.AllAsync();
        foreach (FuzzProject project in projects)
        {
            Assert.True(CodeFixRunner.Errors(project.Compilation) == 0, $"{project.Name} does not compile: {string.Join("\n", project.Compilation.GetDiagnostics())}");
        }

        // On the editor path, document by document, the checker sees every rule the Violations sample shows.
        FuzzProject violations = projects.Single(p => p.Name == "samples/Violations");
        var ids = new HashSet<string>();
        var failures = new List<string>();
        foreach (FuzzDocument document in violations.Documents)
        {
            var (compilation, tree) = violations.WithText(document, document.Text);
            ids.UnionWith((await VariantChecker.Shipped.AnalyzeAsync(compilation, tree, violations.AnalyzerOptions, false, failures, CancellationToken.None)).Select(d => d.Id));
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "NOFS001", "NOFS002", "NOFS003", "NOFS010", "NOFS013" }, ids);
    }

    /// <summary>Variant <paramref name="index"/> under <paramref name="seed"/>: the same pair always gives the same text.</summary>
    /// <remarks>The file is round robin (so every file gets its share); kind and check are drawn, independent of the file.</remarks>
    internal static (Mutation Mutation, VariantCheck Check) Variant(FuzzDocument document, int seed, int index)
    {
        var random = new Random(unchecked((seed * 397) ^ index));
        var kind = (MutationKind)random.Next(SourceMutator.KindCount);
        VariantCheck check = random.Next(FuzzSettings.FixEvery) == 0 ? VariantCheck.DocumentAndFixes
            : random.Next(FuzzSettings.WholeCompilationEvery) == 0 ? VariantCheck.Compilation
            : VariantCheck.Document;
        return (document.Mutator.Mutate(kind, random), check);
    }
}
