using System.IO;
using Xunit;

namespace NoFsScope.SampleFs.Tests;

/// <summary>What <c>dotnet run --project samples/SampleFs</c> does, in-process.</summary>
public sealed class SampleProgramTests
{
    [Fact]
    public void Sample_writes_under_memory_pressure_reads_everything_back_and_reports_reclaim()
    {
        var output = new StringWriter();

        int exitCode = global::SampleFs.Program.Run(["--files", "4", "--size", "65536", "--pages", "16"], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("every byte read back intact", text, System.StringComparison.Ordinal);
        Assert.Matches(@"Reclaim: [1-9]\d* reclaim run\(s\), [1-9]\d* object\(s\) freed", text);
    }
}
