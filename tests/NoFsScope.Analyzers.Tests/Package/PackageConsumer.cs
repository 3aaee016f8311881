using System;
using System.Collections.Generic;
using System.IO;

namespace NoFsScope.Analyzers.Tests.Package;

/// <summary>A console project that references the NoFsScope package, in a temporary folder of its own.</summary>
public sealed class PackageConsumer
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    internal PackageConsumer(string directory, IReadOnlyDictionary<string, string> environment)
    {
        Directory = directory;
        _environment = environment;
    }

    public string Directory { get; }

    public string ProjectFile => Path.Combine(Directory, "Consumer.csproj");

    /// <summary>Copies <c>tests/PackageConsumer/<paramref name="source"/></c> into the project as <paramref name="target"/>; returns its text.</summary>
    public string CopySource(string source, string target)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "PackageConsumer", source));
        Write(target, text);
        return text;
    }

    public void Write(string relativePath, string text)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>
    /// <c>dotnet build</c> as a user runs it, except that no process outlives the test: no compiler
    /// server (<c>UseSharedCompilation=false</c>, here and in <see cref="DotnetCli"/>) and no reused MSBuild
    /// nodes (<see cref="DotnetCli"/> sets <c>MSBUILDDISABLENODEREUSE=1</c>). No summary, so each diagnostic
    /// is printed where it happens.
    /// </summary>
    public (int ExitCode, string Output) Build(params string[] extra) =>
        Dotnet(["build", "-nologo", "-clp:NoSummary", "-p:UseSharedCompilation=false", .. extra]);

    public (int ExitCode, string Output) Dotnet(params string[] arguments) => DotnetCli.Run(Directory, _environment, arguments);
}
