using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace NoFsScope.Analyzers.Tests.Package;

/// <summary>
/// The NoFsScope package as a user gets it: <c>dotnet pack src/Runtime</c> into a temporary feed,
/// then a console project made by <c>dotnet new console</c> and <c>dotnet add package NoFsScope</c>
/// against a NuGet.config whose first source is that feed. Restores go to a global packages folder of
/// its own, so no NoFsScope cached by an earlier run can be used. Packing and the template project
/// are made once, when a test first asks for them; <see cref="NewConsumer"/> copies the template.
/// </summary>
public sealed class NoFsScopePackage : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "nofs-package-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> _template;
    private int _directories;

    public NoFsScopePackage()
    {
        _template = new Lazy<string>(PackAndCreateTemplate);
    }

    /// <summary>VersionPrefix in Directory.Build.props: the one place the version is set.</summary>
    public static string Version { get; } =
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    public string Feed => Path.Combine(_root, "feed");

    /// <summary>NUGET_PACKAGES for every command run in a consumer.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

    private string PackagesFolder => Path.Combine(_root, "packages");

    public string PackageFile(string extension)
    {
        _ = _template.Value;
        return Path.Combine(Feed, $"NoFsScope.{Version}.{extension}");
    }

    /// <summary>A fresh copy of the consumer project (csproj, Program.cs, NuGet.config) in a folder of its own.</summary>
    public PackageConsumer NewConsumer()
    {
        string template = _template.Value;
        string directory = NewDirectory("consumer");
        foreach (string file in Directory.EnumerateFiles(template))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return new PackageConsumer(directory, Environment);
    }

    /// <summary>An empty folder of the test run's own, removed with the fixture.</summary>
    public string NewDirectory(string name)
    {
        string directory = Path.Combine(_root, name + System.Threading.Interlocked.Increment(ref _directories));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Removes the temporary folders; a file still locked or read-only is left to the temp cleaner, not reported.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string PackAndCreateTemplate()
    {
        // The repository's own projects restore as they always do: packing with the consumers'
        // packages folder would point their obj/project.assets.json at a folder this fixture deletes.
        string project = Path.Combine(RepositoryPaths.Root, "src", "Runtime", "NoFsScope.Runtime.csproj");
        Succeed(RepositoryPaths.Root, new Dictionary<string, string>(), "pack", project, "-c", DotnetCli.Configuration, "-o", Feed, "-nologo");

        string template = Path.Combine(_root, "template");
        Succeed(_root, Environment, "new", "console", "--no-restore", "--name", "Consumer", "--output", template);
        File.WriteAllText(Path.Combine(template, "NuGet.config"), NuGetConfig());
        Succeed(template, Environment, "add", "package", "NoFsScope", "--version", Version);
        foreach (string generated in new[] { "obj", "bin" }.Select(d => Path.Combine(template, d)).Where(Directory.Exists))
        {
            Directory.Delete(generated, recursive: true);
        }

        return template;
    }

    /// <summary>
    /// The local feed first; nuget.org for anything else (the SDK's own packages); package source
    /// mapping so that NoFsScope can only come from the local feed.
    /// </summary>
    private string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{PackagesFolder}" />
          </config>
          <packageSources>
            <clear />
            <add key="nofsscope-local" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="nofsscope-local">
              <package pattern="NoFsScope" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static void Succeed(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        (int exitCode, string output) = DotnetCli.Run(directory, environment, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
        }
    }
}
