using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Descriptors;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>Every rule the analyzers ship has a docs page, a correct help link and a release-tracking entry.</summary>
public sealed class DocumentationTests
{
    public static IEnumerable<object[]> AllDescriptors() =>
        typeof(RuleIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)System.Activator.CreateInstance(t)!).SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => new object[] { g.Key, g.ToArray() });

    [Fact]
    public void Analyzers_exist()
    {
        Assert.NotEmpty(AllDescriptors());
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Page_heading_matches_the_descriptor(string id, DiagnosticDescriptor[] descriptors)
    {
        string page = Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing docs page {page}");
        string heading = File.ReadLines(page).First();
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Equal($"# {id}: {descriptor.Title}", heading);
            Assert.Contains($"| Default severity | {descriptor.DefaultSeverity}", File.ReadAllText(page));
        }
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Help_link_points_at_the_page_and_descriptors_of_one_id_agree(string id, DiagnosticDescriptor[] descriptors)
    {
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri);
            Assert.Equal(descriptors[0].Category, descriptor.Category);
            Assert.Equal(descriptors[0].DefaultSeverity, descriptor.DefaultSeverity);
            Assert.Equal(descriptors[0].Title.ToString(), descriptor.Title.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Rule_is_tracked_and_indexed(string id, DiagnosticDescriptor[] descriptors)
    {
        string releases = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Analyzers", "AnalyzerReleases.Unshipped.md")) +
                          File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Analyzers", "AnalyzerReleases.Shipped.md"));
        string severity = descriptors[0].IsEnabledByDefault ? descriptors[0].DefaultSeverity.ToString() : "Disabled";
        Assert.Contains($"{id} | {descriptors[0].Category} | {severity} |", releases);
        string index = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules", "index.md"));
        Assert.Contains($"[{id}]({id}.md)", index);
    }
}
