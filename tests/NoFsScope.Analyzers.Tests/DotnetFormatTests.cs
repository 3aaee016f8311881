using System;
using System.IO;
using NoFsScope.Analyzers.Tests.Package;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// <c>dotnet format analyzers --diagnostics NOFS001</c> applies the code fixes shipped in the
/// NoFsScope package (Fix All in solution scope) to a project that installed it, and the result
/// builds without NOFS001.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class DotnetFormatTests(NoFsScopePackage package)
{
    [Fact]
    public void Dotnet_format_fixes_a_package_consumer_and_the_result_builds()
    {
        PackageConsumer consumer = package.NewConsumer();
        consumer.CopySource("Writeback.cs.txt", "Writeback.cs");

        (int format, string formatOutput) = consumer.Dotnet("format", "analyzers", consumer.ProjectFile, "--diagnostics", "NOFS001", "--severity", "error");
        Assert.True(format == 0, "dotnet format failed:\n" + formatOutput);

        string expected = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", "Writeback.Scoped.cs.txt"));
        Assert.Equal(expected.ReplaceLineEndings(), consumer.Read("Writeback.cs").ReplaceLineEndings());

        (int build, string buildOutput) = consumer.Build();
        Assert.True(build == 0, "the fixed project must build:\n" + buildOutput);
        Assert.Empty(BuildDiagnostics.Parse(buildOutput));
    }
}
