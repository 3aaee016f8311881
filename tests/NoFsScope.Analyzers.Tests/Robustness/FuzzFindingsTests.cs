using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Variants longer fuzz runs (<c>NOFS_FUZZ_VARIANTS=8000</c> with <c>NOFS_FUZZ_SEED=7</c> and <c>11</c>)
/// found, replayed exactly: each was a code fix that left broken code with more compiler errors than before
/// (a closing brace inside a trailing comment, a duplicated [MayReclaim], a rewrite of a member the parser
/// had to recover). The fixes now handle or decline each one.
/// </summary>
public sealed class FuzzFindingsTests
{
    [Theory]
    [InlineData("samples/Violations/NOFS002.cs", 7, 206)]
    [InlineData("samples/Violations/NOFS001.cs", 7, 5183)]
    [InlineData("samples/Violations/NOFS001.cs", 11, 2143)]
    public Task Scope_fix_keeps_its_closing_brace_out_of_a_trailing_comment(string path, int seed, int variant) => ReplayAsync(path, seed, variant);

    [Theory]
    [InlineData("samples/Violations/NOFS003.cs", 7, 3437)]
    public Task MayReclaim_fix_does_not_duplicate_the_attribute(string path, int seed, int variant) => ReplayAsync(path, seed, variant);

    [Theory]
    [InlineData("tests/NoFsScope.Analyzers.Tests/Corpus/Files/KnownFalsePositives.cs.txt", 11, 980)]
    [InlineData("tests/NoFsScope.Analyzers.Tests/Corpus/Files/KnownFalsePositives.cs.txt", 11, 5768)]
    public Task Fixes_leave_members_with_broken_syntax_alone(string path, int seed, int variant) => ReplayAsync(path, seed, variant);

    private static async Task ReplayAsync(string path, int seed, int variant)
    {
        var (project, document) = (await SampleProjects.AllAsync())
            .SelectMany(p => p.Documents.Select(d => (Project: p, Document: d)))
            .Single(x => x.Document.Fuzzed && x.Document.Path == path);
        var (mutation, check) = MutationFuzzTests.Variant(document, seed, variant);
        Assert.Equal(VariantCheck.DocumentAndFixes, check);
        VariantOutcome outcome = await VariantChecker.Shipped.CheckAsync(project, document, mutation.Text, check);
        Assert.True(outcome.Failures.Count == 0, string.Join(Environment.NewLine, outcome.Failures));
    }
}
