using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NoFsScope.Analyzers.Descriptors;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Package;

/// <summary>
/// A console project that installed the NoFsScope package meets the rules the way a user does:
/// <c>dotnet build</c> fails on NOFS001 at the right line, succeeds once the allocation is scoped,
/// honours <c>.editorconfig</c> severities, writes SARIF, and reads NoFsScope.txt with no setup.
/// </summary>
[Collection(DotnetCliCollection.Name)]
public sealed class PackageConsumerTests(NoFsScopePackage package)
{
    private const string Unscoped = "Writeback.cs.txt";
    private const string Allocation = "pool.Rent()";

    [Fact]
    public void Unscoped_allocation_in_a_callback_fails_the_build_with_error_NOFS001_at_each_allocation()
    {
        PackageConsumer consumer = package.NewConsumer();
        string source = consumer.CopySource(Unscoped, "Writeback.cs");

        (int exitCode, string output) = consumer.Build();

        Assert.True(exitCode != 0, "the build must fail:\n" + output);
        Assert.Equal(BuildDiagnostics.Expected("Writeback.cs", source, Allocation, "error NOFS001"), BuildDiagnostics.Parse(output));
    }

    [Fact]
    public void Scoped_allocations_build_with_no_NoFsScope_diagnostic_and_the_analyzers_are_loaded_but_never_referenced()
    {
        PackageConsumer consumer = package.NewConsumer();
        consumer.CopySource("Writeback.Scoped.cs.txt", "Writeback.cs");

        // Normal verbosity prints the compiler's command line.
        (int exitCode, string output) = consumer.Build("-v:n");

        Assert.True(exitCode == 0, "the scoped code must build:\n" + output);
        Assert.DoesNotMatch(@"\bNOFS\d{3}\b", output);
        // NuGet lays packages out as <global packages folder>/<lower-case id>/<version>/.
        string restored = Path.Combine(package.Environment["NUGET_PACKAGES"], "nofsscope", NoFsScopePackage.Version);
        Assert.Contains($"/reference:{Path.Combine(restored, "lib", "net8.0", "NoFsScope.Runtime.dll")}", output, StringComparison.Ordinal);
        Assert.Matches(@"/analyzer:\S*/analyzers/dotnet/cs/NoFsScope\.Analyzers\.dll", output);
        Assert.Matches(@"/analyzer:\S*/analyzers/dotnet/cs/NoFsScope\.CodeFixes\.dll", output);
        Assert.DoesNotMatch(@"/reference:\S*NoFsScope\.(Analyzers|CodeFixes)\.dll", output);
    }

    [Fact]
    public void Editorconfig_severity_warning_turns_NOFS001_into_a_warning_and_none_silences_it()
    {
        PackageConsumer consumer = package.NewConsumer();
        string source = consumer.CopySource(Unscoped, "Writeback.cs");

        consumer.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.NOFS001.severity = warning\n");
        (int warnExit, string warnOutput) = consumer.Build();
        Assert.True(warnExit == 0, "warnings must not fail the build:\n" + warnOutput);
        Assert.Equal(BuildDiagnostics.Expected("Writeback.cs", source, Allocation, "warning NOFS001"), BuildDiagnostics.Parse(warnOutput));

        consumer.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.NOFS001.severity = none\n");
        (int noneExit, string noneOutput) = consumer.Build();
        Assert.True(noneExit == 0, noneOutput);
        Assert.Empty(BuildDiagnostics.Parse(noneOutput));
    }

    [Fact]
    public void ErrorLog_writes_SARIF_2_1_with_each_result_and_the_rule_metadata_and_help_uri()
    {
        PackageConsumer consumer = package.NewConsumer();
        string source = consumer.CopySource(Unscoped, "Writeback.cs");

        // The comma is escaped as %2C: MSBuild would otherwise read "version=2.1" as a second property.
        (int exitCode, string output) = consumer.Build("-p:ErrorLog=nofs.sarif%2Cversion=2.1");
        Assert.True(exitCode != 0, output);

        using JsonDocument sarif = JsonDocument.Parse(consumer.Read("nofs.sarif"));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        JsonElement run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();

        JsonElement[] results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == RuleIds.ReclaimInCallback).ToArray();
        Assert.All(results, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        var regions = results.Select(r =>
        {
            JsonElement location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.EndsWith("/Writeback.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            JsonElement region = location.GetProperty("region");
            return (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32());
        });
        Assert.Equal(BuildDiagnostics.PositionsOf(source, Allocation).Order(), regions.Order());

        JsonElement rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == RuleIds.ReclaimInCallback);
        Assert.Equal(RuleIds.HelpLink(RuleIds.ReclaimInCallback), rule.GetProperty("helpUri").GetString());
        Assert.Equal(Descriptors.Descriptors.NOFS001Writeback.Title.ToString(), rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal(Categories.Reclaim, rule.GetProperty("properties").GetProperty("category").GetString());
    }

    [Fact]
    public void NoFsScope_txt_next_to_the_project_is_read_with_no_setup_and_elsewhere_with_one_line()
    {
        PackageConsumer consumer = package.NewConsumer();
        string source = consumer.CopySource("Vendor.cs.txt", "Vendor.cs");
        string config = consumer.CopySource("NoFsScope.txt", "NoFsScope.txt");
        int malformedLine = Array.FindIndex(config.ReplaceLineEndings("\n").Split('\n'), l => l.Contains(", ", StringComparison.Ordinal)) + 1;
        SortedSet<string> expected = BuildDiagnostics.Expected("Vendor.cs", source, "slab.Alloc(64)", "error NOFS001");
        expected.Add($"NoFsScope.txt({malformedLine},1): warning NOFS900");

        // Next to the project file: the package's buildTransitive targets add it.
        (int exitCode, string output) = consumer.Build();
        Assert.True(exitCode != 0, output);
        Assert.Equal(expected, BuildDiagnostics.Parse(output));

        // A project that lists the file itself as well still passes it to the compiler once.
        string project = File.ReadAllText(consumer.ProjectFile);
        File.WriteAllText(consumer.ProjectFile, WithAdditionalFile(project, "NoFsScope.txt"));
        (int itemsExit, string items) = consumer.Dotnet("msbuild", "-getItem:AdditionalFiles");
        Assert.True(itemsExit == 0, items);
        using (JsonDocument json = JsonDocument.Parse(items))
        {
            Assert.Single(json.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray());
        }

        // Elsewhere: the one line the docs give.
        File.Delete(Path.Combine(consumer.Directory, "NoFsScope.txt"));
        consumer.Write(Path.Combine("config", "NoFsScope.txt"), config);
        File.WriteAllText(consumer.ProjectFile, WithAdditionalFile(project, "config/NoFsScope.txt"));
        (int movedExit, string movedOutput) = consumer.Build();
        Assert.True(movedExit != 0, movedOutput);
        Assert.Equal(expected, BuildDiagnostics.Parse(movedOutput));
        Assert.Contains($"{Path.Combine("config", "NoFsScope.txt")}({malformedLine},1): warning NOFS900", movedOutput, StringComparison.Ordinal);
    }

    private static string WithAdditionalFile(string project, string path) =>
        project.Replace("</Project>", $"  <ItemGroup><AdditionalFiles Include=\"{path}\" /></ItemGroup>\n</Project>", StringComparison.Ordinal);
}
