using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// Builds samples/Violations the way the README's main-job command does and asserts the exact
/// NOFS diagnostics, so the sample, the docs and the analyzers cannot drift apart.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class SamplesBuildTests
{
    [Fact]
    public void Violations_sample_fails_with_exactly_the_documented_diagnostics()
    {
        (int exitCode, string output) = DotnetBuild(Path.Combine(RepositoryPaths.Root, "samples", "Violations"));

        SortedSet<string> found = BuildDiagnostics.Parse(output);

        string[] expected =
        [
            "NOFS001.cs(12,22): error NOFS001",
            "NOFS001.cs(30,26): error NOFS001",
            "NOFS001.cs(38,36): error NOFS001",
            "NOFS001.cs(54,9): error NOFS001",
            "NOFS002.cs(32,9): error NOFS002",
            "NOFS003.cs(10,17): warning NOFS003",
            "NOFS010.cs(12,21): error NOFS010",
            "NOFS011.cs(13,20): warning NOFS011",
            "NOFS013.cs(21,9): error NOFS013",
            "NOFS014.cs(12,16): warning NOFS014",
            "NOFS015.cs(14,21): error NOFS015",
            "NOFS015.cs(19,13): error NOFS001",
            "NoFsScope.txt(5,1): warning NOFS900",
            "SampleFsShapes.cs(28,13): error NOFS001",
            "SampleFsShapes.cs(32,9): error NOFS002",
        ];
        Assert.True(exitCode != 0, "the Violations sample must fail to build:\n" + output);
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), found);
    }

    [Fact]
    public void SampleFs_builds_with_the_analyzers_loaded_and_no_NoFsScope_diagnostic()
    {
        // --no-incremental and normal verbosity: the compiler runs and its command line (with /analyzer:) is printed.
        (int exitCode, string output) = DotnetBuild(Path.Combine(RepositoryPaths.Root, "samples", "SampleFs"), "--no-incremental", "-v:n");

        Assert.True(exitCode == 0, "samples/SampleFs must build cleanly:\n" + output);
        Assert.Matches(@"/analyzer:\S*NoFsScope\.Analyzers\.dll", output);
        Assert.DoesNotMatch(@"\bNOFS\d{3}\b", output);
    }

    private static (int ExitCode, string Output) DotnetBuild(string project, params string[] extra)
    {
        return DotnetCli.Run(RepositoryPaths.Root, ["build", project, "-c", DotnetCli.Configuration, "-nologo", "-clp:NoSummary", "-p:UseSharedCompilation=false", .. extra]);
    }
}
