using System;
using System.Diagnostics;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// Tests that run the <c>dotnet</c> CLI build the same src/ projects (through ProjectReference), so
/// they must not run at the same time: concurrent builds of one project race on its obj/ folder.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetCliCollection
{
    public const string Name = "dotnet CLI";
}

/// <summary>Runs the <c>dotnet</c> CLI for tests that exercise the product the way a user's build does.</summary>
internal static class DotnetCli
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes:\n{stdout}");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
