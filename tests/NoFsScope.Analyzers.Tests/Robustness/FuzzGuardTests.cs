using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>Proves that the fuzz test's checks catch what they are for: a throwing analyzer, a throwing fix, a fix that breaks the code.</summary>
public sealed class FuzzGuardTests
{
    [Fact]
    public async Task A_throwing_analyzer_is_a_failure_on_every_check()
    {
        var checker = new VariantChecker(AnalyzerHarness.AllAnalyzers.Add(new ThrowingAnalyzer()), ImmutableArray<CodeFixProvider>.Empty);
        var (project, document) = await ViolationsFileAsync();
        foreach (VariantCheck check in Enum.GetValues<VariantCheck>())
        {
            VariantOutcome outcome = await checker.CheckAsync(project, document, document.Text, check);
            Assert.Contains(outcome.Failures, f => f.Contains("ThrowingAnalyzer was here", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(true, "RegisterCodeFixesAsync threw")]
    [InlineData(false, "raised the compiler errors from 0 to")]
    public async Task A_broken_code_fix_is_a_failure(bool throwWhileRegistering, string expected)
    {
        var checker = new VariantChecker(AnalyzerHarness.AllAnalyzers, ImmutableArray.Create<CodeFixProvider>(new BrokenCodeFix(throwWhileRegistering)));
        var (project, document) = await ViolationsFileAsync();
        VariantOutcome outcome = await checker.CheckAsync(project, document, document.Text, VariantCheck.DocumentAndFixes);
        Assert.True(outcome.Failures.Any(f => f.Contains(expected, StringComparison.Ordinal)), string.Join("\n", outcome.Failures));
    }

    [Fact]
    public async Task The_shipped_fixes_are_applied_through_the_workspace_without_failures()
    {
        var (project, document) = await ViolationsFileAsync();
        VariantOutcome outcome = await VariantChecker.Shipped.CheckAsync(project, document, document.Text, VariantCheck.DocumentAndFixes);
        Assert.Empty(outcome.Failures);
        Assert.True(outcome.Diagnostics > 0);
        Assert.True(outcome.CodeActions > 0);
        Assert.Equal(1, outcome.AppliedThroughWorkspace);
    }

    [Fact]
    public async Task Variants_are_reproducible_and_every_kind_changes_the_text()
    {
        var (_, document) = await ViolationsFileAsync();
        for (int index = 0; index < 60; index++)
        {
            var (first, check) = MutationFuzzTests.Variant(document, FuzzSettings.DefaultSeed, index);
            var (second, checkAgain) = MutationFuzzTests.Variant(document, FuzzSettings.DefaultSeed, index);
            Assert.Equal(first, second);
            Assert.Equal(check, checkAgain);
            Assert.NotEqual(document.Text, first.Text);
        }

        var random = new Random(1);
        foreach (MutationKind kind in Enum.GetValues<MutationKind>())
        {
            Assert.NotEqual(document.Text, document.Mutator.Mutate(kind, random).Text);
        }
    }

    [Fact]
    public void Token_mutations_delete_and_duplicate_whole_tokens()
    {
        const string source = "class C { void M() { Foo(bar); } }";
        var spans = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Select(t => t.Span).Where(t => t.Length > 0).ToArray();
        var runs = Enumerable.Range(0, spans.Length)
            .SelectMany(first => Enumerable.Range(first, Math.Min(4, spans.Length - first)).Select(last => (Start: spans[first].Start, End: spans[last].End)))
            .ToArray();
        var mutator = new SourceMutator(source);
        var random = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            string deleted = mutator.Mutate(MutationKind.DeleteTokens, random).Text;
            Assert.Contains(runs, r => source.Remove(r.Start, r.End - r.Start) == deleted);
            string duplicated = mutator.Mutate(MutationKind.DuplicateTokens, random).Text;
            Assert.Contains(runs, r => source.Insert(r.End, " " + source.Substring(r.Start, r.End - r.Start)) == duplicated);
        }
    }

    private static async Task<(FuzzProject Project, FuzzDocument Document)> ViolationsFileAsync()
    {
        FuzzProject project = (await SampleProjects.AllAsync()).Single(p => p.Name == "samples/Violations");
        return (project, project.Documents.Single(d => d.Path.EndsWith("/NOFS001.cs", StringComparison.Ordinal)));
    }
}
