using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Package;

/// <summary>What <c>dotnet pack src/Runtime</c> puts into NoFsScope.&lt;version&gt;.nupkg and .snupkg.</summary>
[Collection(DotnetCliCollection.Name)]
public sealed class PackageLayoutTests(NoFsScopePackage package)
{
    [Fact]
    public void Nupkg_holds_the_runtime_per_framework_and_the_analyzers_under_analyzers_dotnet_cs_and_nothing_else()
    {
        string[] expected =
        [
            "NoFsScope.nuspec",
            "README.md",
            "analyzers/dotnet/cs/NoFsScope.Analyzers.dll",
            "analyzers/dotnet/cs/NoFsScope.CodeFixes.dll",
            "buildTransitive/NoFsScope.targets",
            "lib/net8.0/NoFsScope.Runtime.dll",
            "lib/net8.0/NoFsScope.Runtime.xml",
            "lib/netstandard2.0/NoFsScope.Runtime.dll",
            "lib/netstandard2.0/NoFsScope.Runtime.xml",
        ];
        Assert.Equal(expected, PayloadEntries(package.PackageFile("nupkg")));
    }

    [Fact]
    public void Snupkg_holds_the_runtime_symbols_per_framework()
    {
        Assert.Equal(
            ["NoFsScope.nuspec", "lib/net8.0/NoFsScope.Runtime.pdb", "lib/netstandard2.0/NoFsScope.Runtime.pdb"],
            PayloadEntries(package.PackageFile("snupkg")));
    }

    [Fact]
    public void Nuspec_has_readme_license_and_no_icon_and_depends_on_nothing()
    {
        using ZipArchive zip = ZipFile.OpenRead(package.PackageFile("nupkg"));
        using Stream stream = zip.GetEntry("NoFsScope.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("NoFsScope", Value("id"));
        Assert.Equal(NoFsScopePackage.Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Null(Value("icon"));
        Assert.Null(Value("iconUrl"));
        // A development dependency would keep the runtime library from flowing to the user's dependents.
        Assert.Null(Value("developmentDependency"));
        // The analyzer projects are build-order references of the package project, not dependencies.
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Theory]
    [InlineData("lib/net8.0/NoFsScope.Runtime.dll")]
    [InlineData("lib/netstandard2.0/NoFsScope.Runtime.dll")]
    [InlineData("analyzers/dotnet/cs/NoFsScope.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/NoFsScope.CodeFixes.dll")]
    public void Every_assembly_carries_the_package_version(string entry)
    {
        string extracted = Path.Combine(package.NewDirectory("extracted"), Path.GetFileName(entry));
        using (ZipArchive zip = ZipFile.OpenRead(package.PackageFile("nupkg")))
        {
            zip.GetEntry(entry)!.ExtractToFile(extracted, overwrite: true);
        }

        // ProductVersion is the informational version: "<VersionPrefix>+<commit>".
        string? productVersion = FileVersionInfo.GetVersionInfo(extracted).ProductVersion;
        Assert.Equal(NoFsScopePackage.Version, productVersion?.Split('+')[0]);
    }

    [Fact]
    public void Release_tracking_agrees_with_the_version()
    {
        string releases = Path.Combine(RepositoryPaths.Root, "src", "Analyzers");
        string shipped = File.ReadAllText(Path.Combine(releases, "AnalyzerReleases.Shipped.md"));
        string unshipped = File.ReadAllText(Path.Combine(releases, "AnalyzerReleases.Unshipped.md"));
        var current = System.Version.Parse(NoFsScopePackage.Version);
        System.Version[] shippedVersions = Regex.Matches(shipped, @"^## Release (?<version>\S+)", RegexOptions.Multiline)
            .Select(m => System.Version.Parse(m.Groups["version"].Value))
            .ToArray();

        // A release cannot have shipped with a version this source has not reached yet.
        Assert.All(shippedVersions, v => Assert.True(v <= current, $"AnalyzerReleases.Shipped.md lists release {v}, newer than VersionPrefix {current}"));

        // Unshipped rule changes go out in the next release, so the version must be past the last shipped one.
        if (Regex.IsMatch(unshipped, @"^NOFS\d{3} *\|", RegexOptions.Multiline))
        {
            Assert.DoesNotContain(current, shippedVersions);
        }
    }

    private static string[] PayloadEntries(string packageFile)
    {
        using ZipArchive zip = ZipFile.OpenRead(packageFile);
        return zip.Entries
            .Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal)
                        && !name.StartsWith("package/", StringComparison.Ordinal)
                        && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
    }
}
