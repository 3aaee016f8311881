using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using NoFsScope.Analyzers.Tests.Package;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// Tests that run the <c>dotnet</c> CLI build the same src/ projects (through ProjectReference or
/// by packing them), so they must not run at the same time: concurrent builds of one project race
/// on its obj/ folder. The collection packs the NoFsScope package at most once, when a test first asks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetCliCollection : ICollectionFixture<NoFsScopePackage>
{
    public const string Name = "dotnet CLI";
}

/// <summary>Runs the <c>dotnet</c> CLI for tests that exercise the product the way a user's build does.</summary>
internal static class DotnetCli
{
    /// <summary>The configuration the tests were built in; builds of src/ from the tests use the same one.</summary>
    public static string Configuration { get; } =
        typeof(DotnetCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/>. Every invocation turns off MSBuild node reuse
    /// (<c>MSBUILDDISABLENODEREUSE=1</c>) and the compiler server (<c>UseSharedCompilation=false</c>, read
    /// by MSBuild as a property from the environment) and the MSBuild server, whatever
    /// <paramref name="environment"/> says, so no MSBuild node or compiler server outlives the test.
    /// </summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
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
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";   // opt-in, but a machine may have turned it on

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
