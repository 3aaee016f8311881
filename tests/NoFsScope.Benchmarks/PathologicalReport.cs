using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NoFsScope.Pathological;

namespace NoFsScope.Benchmarks;

/// <summary>
/// <c>--pathological-report</c>: for each pathological input, the median wall time of the plain
/// compile, of compile + every NoFsScope analyzer and of the editor path (the pathological
/// document alone), then the same for the call chain and the long method at a quarter and half
/// their size, to show how the cost grows with size.
/// </summary>
public static class PathologicalReport
{
    private const int Runs = 3;

    public static int Run(TextWriter output)
    {
        output.WriteLine(AnalyzerReport.MachineLine());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Medians of {Runs} runs after one warm-up, wall clock, concurrent analysis."));
        output.WriteLine();
        output.WriteLine("| Input | Lines | Plain compile (ms) | Compile + analyzers (ms) | Analyzers' share | Editor path (ms) | Diagnostics |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        var rows = PathologicalInputs.Names.Select(PathologicalWorkload.Load)
            .Concat(new[] { 2_500, 5_000 }.Select(n => new PathologicalWorkload($"CallChain ({n:N0} methods)", PathologicalInputs.CallChain(n))))
            .Concat(new[] { 12_500, 25_000 }.Select(n => new PathologicalWorkload($"LongMethod ({n:N0} lines)", PathologicalInputs.LongMethod(n))));
        foreach (PathologicalWorkload workload in rows)
        {
            ImmutableArray<Diagnostic> diagnostics = workload.Analyze();
            double compile = Median(() => workload.Compile());
            double analyzed = Median(() => workload.Analyze());
            double editor = Median(() => workload.AnalyzeLastDocument());
            string ids = string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {workload.Name} | {workload.Lines:N0} | {compile:N0} | {analyzed:N0} | {(analyzed - compile) / compile:P0} | {editor:N0} | {ids} |"));
            if (diagnostics.Any(d => d.Id == "AD0001"))
            {
                output.WriteLine(string.Join(Environment.NewLine, diagnostics.Where(d => d.Id == "AD0001")));
                return 1;
            }
        }

        return 0;
    }

    /// <summary>The median wall time of <see cref="Runs"/> runs, after one run to warm up.</summary>
    private static double Median<T>(Func<T> measured)
    {
        GC.KeepAlive(measured());
        var times = new List<double>();
        for (int i = 0; i < Runs; i++)
        {
            GC.Collect();
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(measured());
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
