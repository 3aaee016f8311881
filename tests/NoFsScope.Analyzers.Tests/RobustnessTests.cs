using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NoFsScope.Analyzers.Tests;

/// <summary>
/// The analyzers see broken code while the user types: they must never throw (AD0001). Every
/// sample file is cut at seeded random points and has tokens deleted or duplicated; each variant is
/// compiled together with the intact files and analyzed by every analyzer.
/// </summary>
public sealed class RobustnessTests
{
    private const int Seed = 20261125;
    private const int VariantsPerFile = 40;

    [Fact]
    public async Task No_analyzer_throws_on_cut_or_mangled_code()
    {
        List<string> files = AnalyzerHarness.SampleSources().ToList();
        Assert.NotEmpty(files);
        var random = new Random(Seed);
        var failures = new List<string>();
        int variants = 0;
        for (int f = 0; f < files.Count; f++)
        {
            for (int v = 0; v < VariantsPerFile; v++)
            {
                string broken = Mangle(files[f], random, v % 3);
                var sources = files.Select((text, i) => i == f ? broken : text);
                var (_, exceptions) = await AnalyzerHarness.RunAsync(sources);
                variants++;
                failures.AddRange(exceptions.Select(e => $"file {f} variant {v} (mode {v % 3}): {e}"));
            }
        }

        Assert.True(variants >= files.Count * VariantsPerFile);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Harness_reports_analyzer_diagnostics_on_intact_samples()
    {
        // Guards the test above against a harness that silently analyzes nothing.
        var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(AnalyzerHarness.SampleSources());
        Assert.Empty(exceptions);
        Assert.Contains(diagnostics, d => d.Id == "NOFS001");
        Assert.Contains(diagnostics, d => d.Id == "NOFS002");
    }

    /// <summary>Mode 0: truncate at a random point. Mode 1: delete a random span. Mode 2: duplicate a random span.</summary>
    private static string Mangle(string text, Random random, int mode)
    {
        int at = random.Next(text.Length);
        int length = Math.Min(random.Next(1, 40), text.Length - at);
        return mode switch
        {
            0 => text.Substring(0, at),
            1 => text.Remove(at, length),
            _ => text.Insert(at, text.Substring(at, length)),
        };
    }
}
