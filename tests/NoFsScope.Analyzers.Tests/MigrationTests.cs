using System;
using System.IO;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// The migration report of samples/Migration: the README's one dotnet format command turns the
/// legacy engine in Before/ into exactly After/, which builds with no NoFsScope diagnostic.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class MigrationTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "nofs-migration-" + Guid.NewGuid().ToString("N"));

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
    public void Dotnet_format_performs_the_migration_and_leaves_no_diagnostic()
    {
        string sample = Path.Combine(RepositoryPaths.Root, "samples", "Migration");
        Directory.CreateDirectory(_work);
        foreach (string file in new[] { "Engine.Migration.csproj", ".editorconfig", "Writeback.cs" })
        {
            string text = File.ReadAllText(Path.Combine(sample, "Before", file));
            File.WriteAllText(Path.Combine(_work, file), text.Replace("../../../src", Path.Combine(RepositoryPaths.Root, "src"), StringComparison.Ordinal));
        }

        (int before, string beforeOutput) = DotnetCli.Run(_work, "build", "-nologo");
        Assert.True(before == 0, beforeOutput);
        Assert.Contains("warning NOFS012", beforeOutput, StringComparison.Ordinal);
        Assert.Contains("warning NOFS011", beforeOutput, StringComparison.Ordinal);

        (int format, string formatOutput) = DotnetCli.Run(_work, "format", "analyzers", "Engine.Migration.csproj", "--diagnostics", "NOFS012", "NOFS011", "--severity", "warn");
        Assert.True(format == 0, formatOutput);

        string migrated = File.ReadAllText(Path.Combine(_work, "Writeback.cs")).ReplaceLineEndings();
        string expected = File.ReadAllText(Path.Combine(sample, "After", "Writeback.cs")).ReplaceLineEndings();
        Assert.Equal(expected, migrated);

        (int after, string afterOutput) = DotnetCli.Run(_work, "build", "-nologo", "--no-incremental");
        Assert.True(after == 0, afterOutput);
        Assert.DoesNotContain(": warning NOFS", afterOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(": error NOFS", afterOutput, StringComparison.Ordinal);
    }
}
