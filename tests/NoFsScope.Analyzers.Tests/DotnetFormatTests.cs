using System;
using System.IO;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// <c>dotnet format analyzers --diagnostics NOFS001</c> applies the code fixes from the command line
/// (Fix All in solution scope) and the result builds without NOFS001.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class DotnetFormatTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "nofs-format-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Dotnet_format_fixes_the_sample_and_the_result_builds()
    {
        string sample = Path.Combine(RepositoryPaths.Root, "tests", "FormatFixSample");
        Directory.CreateDirectory(_work);
        File.WriteAllText(
            Path.Combine(_work, "FormatFixSample.csproj"),
            File.ReadAllText(Path.Combine(sample, "FormatFixSample.csproj.template")).Replace("{REPO}", RepositoryPaths.Root, StringComparison.Ordinal));
        string source = Path.Combine(_work, "Writeback.cs");
        File.Copy(Path.Combine(sample, "Writeback.cs.txt"), source);

        (int buildBefore, string before) = Dotnet(_work, "build", "-nologo");
        Assert.True(buildBefore != 0 && before.Contains("error NOFS001", StringComparison.Ordinal), "the sample must start with NOFS001 errors:\n" + before);

        (int format, string formatOutput) = Dotnet(_work, "format", "analyzers", "FormatFixSample.csproj", "--diagnostics", "NOFS001", "--severity", "error");
        Assert.True(format == 0, "dotnet format failed:\n" + formatOutput);

        string fixedSource = File.ReadAllText(source);
        Assert.Contains("using (NoFsScope.Enter())", fixedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("=> pool.Rent();", fixedSource, StringComparison.Ordinal);

        (int buildAfter, string after) = Dotnet(_work, "build", "-nologo");
        Assert.True(buildAfter == 0, "the fixed sample must build:\n" + fixedSource + "\n" + after);
        Assert.DoesNotContain("NOFS001", after, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Dotnet(string directory, params string[] arguments) => DotnetCli.Run(directory, arguments);
}
