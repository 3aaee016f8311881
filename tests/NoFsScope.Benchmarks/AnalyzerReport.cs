using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using NoFsScope.Workload;

namespace NoFsScope.Benchmarks;

/// <summary>
/// <c>--analyzer-report</c>: one table with the plain compile time of the generated engine, each
/// NoFsScope analyzer's execution time as the analyzer driver measures it
/// (<see cref="AnalyzerTelemetryInfo.ExecutionTime"/>), their total and its ratio to the compile
/// time (target: under 10%), and the diagnostics per ID. Medians over several runs, each on a
/// fresh compilation, after a warm-up run.
/// </summary>
public static class AnalyzerReport
{
    /// <summary>The report's target: all NoFsScope analyzers together under this fraction of the plain compile time.</summary>
    public const double Target = 0.10;

    private const int WarmupRuns = 2;

    /// <summary>The <c>--analyzer-report</c> entry point: five measured runs, the table on standard output.</summary>
    /// <returns>The process exit code: 0 when the workload is valid and the analyzers are within the target; 1 otherwise.</returns>
    public static int Run() => Run(Console.Out, runs: 5);

    /// <summary>
    /// The <c>--analyzer-loop N</c> entry point: only the compile with every NoFsScope analyzer, N times, each
    /// run's analyzer-thread CPU printed. Meant to run under a profiler (dotnet-trace, perf), see README.md.
    /// </summary>
    /// <returns>0; 1 when an analyzer threw.</returns>
    public static int Loop(TextWriter output, int runs)
    {
        LargeCompilation workload = LargeCompilation.Load();
        for (int r = 0; r < runs; r++)
        {
            Measured measured = MeasureAnalyzers(workload);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {r + 1}: process CPU {measured.ProcessCpuMs:N0} ms, analyzer threads {measured.Analyzers.Sum(a => a.ThreadCpuMs):N0} ms"));
            foreach (AnalyzerTime analyzer in measured.Analyzers)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {analyzer.Name}: {analyzer.ThreadCpuMs:N0} ms"));
            }

            if (measured.Exceptions > 0)
            {
                output.WriteLine(string.Join(Environment.NewLine, measured.ExceptionMessages));
                return 1;
            }
        }

        return 0;
    }

    /// <returns>0 when the workload is valid and the analyzers are within the target; 1 otherwise.</returns>
    public static int Run(TextWriter output, int runs)
    {
        runs = Math.Max(1, runs);
        output.WriteLine(MachineLine());
        var clock = Stopwatch.StartNew();
        LargeCompilation workload = LargeCompilation.Load();
        TimeSpan loadTime = clock.Elapsed;

        // Validate the workload once: it must compile cleanly, and it must be big enough.
        CSharpCompilation check = workload.Create();
        ImmutableArray<Diagnostic> compilerDiagnostics = check.GetDiagnostics();
        Diagnostic[] errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        int warnings = compilerDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        (int types, int methods) = CountSymbols(check);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Workload: seed {EngineGenerator.DefaultSeed}, {workload.Files.Count} files, {workload.LineCount:N0} lines, {types:N0} types, {methods:N0} methods; compiler: {errors.Length} errors, {warnings} warnings; generated and parsed in {loadTime.TotalSeconds:F1} s"));
        foreach (Diagnostic error in errors.Take(10))
        {
            output.WriteLine("  " + error);
        }

        // Warm-up: the first runs are dominated by JIT (tier-0 and instrumented code in Roslyn's
        // big methods); by the third the times are steady. Then interleaved measured runs.
        for (int w = 0; w < WarmupRuns; w++)
        {
            MeasurePlain(workload);
            MeasureFloor(workload);
            MeasureAnalyzers(workload);
        }

        var plainWall = new List<double>();
        var plainCpu = new List<double>();
        var floorWall = new List<double>();
        var floorCpu = new List<double>();
        var analyzedWall = new List<double>();
        var analyzedCpu = new List<double>();
        var telemetry = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var threadCpu = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var telemetryTotals = new List<double>();
        var cpuTotals = new List<double>();
        Measured last = default;
        for (int r = 0; r < runs; r++)
        {
            (double wall, double cpu) = MeasurePlain(workload);
            plainWall.Add(wall);
            plainCpu.Add(cpu);
            (wall, cpu) = MeasureFloor(workload);
            floorWall.Add(wall);
            floorCpu.Add(cpu);
            last = MeasureAnalyzers(workload);
            analyzedWall.Add(last.WallMs);
            analyzedCpu.Add(last.ProcessCpuMs);
            telemetryTotals.Add(last.Analyzers.Sum(a => a.ExecutionMs));
            cpuTotals.Add(last.Analyzers.Sum(a => a.ThreadCpuMs));
            foreach (AnalyzerTime analyzer in last.Analyzers)
            {
                Add(telemetry, analyzer.Name, analyzer.ExecutionMs);
                Add(threadCpu, analyzer.Name, analyzer.ThreadCpuMs);
            }
        }

        double compileWall = Median(plainWall);
        double compileCpu = Median(plainCpu);
        double totalCpu = Median(cpuTotals);
        double totalTelemetry = Median(telemetryTotals);
        double ratio = totalCpu / compileCpu;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Medians of {runs} runs, each on a fresh compilation, after {WarmupRuns} warm-up runs. Analyzer rows: 'wall' is the driver's AnalyzerTelemetryInfo.ExecutionTime, 'CPU' the CPU time of the threads running the analyzer's actions ({(ThreadCpu.IsThreadCpuTime ? "CLOCK_THREAD_CPUTIME_ID" : "not available here: wall clock")})."));
        output.WriteLine();
        output.WriteLine("| Measurement | Wall (ms) | CPU (ms) | Wall % of compile | CPU % of compile |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(Row("Plain compile (GetDiagnostics), process CPU", compileWall, compileCpu, compileWall, compileCpu));
        foreach (string name in telemetry.Keys.OrderBy(n => n, StringComparer.Ordinal))
        {
            output.WriteLine(Row(name, Median(telemetry[name]), Median(threadCpu[name]), compileWall, compileCpu));
        }

        output.WriteLine(Row("**All NoFsScope analyzers**", totalTelemetry, totalCpu, compileWall, compileCpu));
        output.WriteLine(Row("Compile + driver floor (no-op operation analyzer), process CPU", Median(floorWall), Median(floorCpu), compileWall, compileCpu));
        output.WriteLine(Row("Compile + NoFsScope analyzers (GetAnalysisResultAsync), process CPU", Median(analyzedWall), Median(analyzedCpu), compileWall, compileCpu));
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Ratio all NoFsScope analyzers / plain compile: {ratio:P1} by CPU time, {totalTelemetry / compileWall:P1} by driver telemetry (wall); target < {Target:P0}: {(ratio < Target ? "PASS" : "FAIL")}"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"End to end (analyzer driver, operation trees and GC included): +{(Median(analyzedCpu) - compileCpu) / compileCpu:P1} CPU, +{(Median(analyzedWall) - compileWall) / compileWall:P1} wall over the plain compile"));

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Marginal (NoFsScope analyzers over the driver floor, process CPU): +{(Median(analyzedCpu) - Median(floorCpu)) / compileCpu:P1} of the plain compile"));

        output.WriteLine();
        output.WriteLine("| Diagnostic ID | Count |");
        output.WriteLine("|---|---:|");
        foreach ((string id, int count) in last.DiagnosticsById.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {count} |"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| analyzer exceptions (AD0001 / onAnalyzerException) | {last.Exceptions} |"));
        foreach (string message in last.ExceptionMessages.Take(5))
        {
            output.WriteLine("  " + message);
        }

        bool valid = errors.Length == 0 && last.Exceptions == 0 && types >= 2000 && workload.LineCount >= 200_000;
        return valid && ratio < Target ? 0 : 1;
    }

    private static void Add(Dictionary<string, List<double>> into, string key, double value)
    {
        if (!into.TryGetValue(key, out List<double>? list))
        {
            list = new List<double>();
            into.Add(key, list);
        }

        list.Add(value);
    }

    private static string Row(string name, double wallMs, double cpuMs, double compileWall, double compileCpu) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {wallMs:N0} | {cpuMs:N0} | {wallMs / compileWall:P1} | {cpuMs / compileCpu:P1} |");

    /// <summary>What the compiler does before emit: declaration and method-body diagnostics, every body bound, nullable analysis included.</summary>
    private static (double WallMs, double CpuMs) MeasurePlain(LargeCompilation workload)
    {
        Collect();
        TimeSpan cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = workload.Create().GetDiagnostics();
        clock.Stop();
        GC.KeepAlive(diagnostics);
        return (clock.Elapsed.TotalMilliseconds, (ProcessCpu() - cpu).TotalMilliseconds);
    }

    /// <summary>The same compile through the analyzer driver with <see cref="NoOpOperationAnalyzer"/> only: what any operation analyzer costs before it does anything.</summary>
    private static (double WallMs, double CpuMs) MeasureFloor(LargeCompilation workload)
    {
        Collect();
        TimeSpan cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        CompilationWithAnalyzers withAnalyzers = workload.Create().WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationAnalyzer()),
            workload.AnalyzerRunOptions(logExecutionTime: false, (_, _, _) => { }));
        AnalysisResult result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();
        GC.KeepAlive(result);
        return (clock.Elapsed.TotalMilliseconds, (ProcessCpu() - cpu).TotalMilliseconds);
    }

    private static Measured MeasureAnalyzers(LargeCompilation workload)
    {
        Collect();
        var exceptions = new List<string>();
        ImmutableArray<TimedAnalyzer> timed = LargeCompilation.AllAnalyzers().Select(a => new TimedAnalyzer(a)).ToImmutableArray();
        TimeSpan cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        CompilationWithAnalyzers withAnalyzers = workload.Create().WithAnalyzers(
            timed.CastArray<DiagnosticAnalyzer>(),
            workload.AnalyzerRunOptions(logExecutionTime: true, (ex, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{((analyzer as TimedAnalyzer)?.Inner ?? analyzer).GetType().Name}: {ex.GetType().Name}: {ex.Message}");
                }
            }));
        AnalysisResult result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();
        double processCpu = (ProcessCpu() - cpu).TotalMilliseconds;

        var analyzers = new List<AnalyzerTime>();
        foreach (TimedAnalyzer analyzer in timed)
        {
            double execution = result.AnalyzerTelemetryInfo.TryGetValue(analyzer, out AnalyzerTelemetryInfo? info) ? info.ExecutionTime.TotalMilliseconds : 0;
            analyzers.Add(new AnalyzerTime(analyzer.Inner.GetType().Name, execution, analyzer.CpuTime.TotalMilliseconds));
        }

        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Diagnostic diagnostic in result.GetAllDiagnostics())
        {
            byId[diagnostic.Id] = byId.TryGetValue(diagnostic.Id, out int n) ? n + 1 : 1;
        }

        int ad0001 = byId.TryGetValue("AD0001", out int reported) ? reported : 0;
        return new Measured(clock.Elapsed.TotalMilliseconds, processCpu, analyzers, byId, Math.Max(ad0001, exceptions.Count), exceptions);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static (int Types, int Methods) CountSymbols(Compilation compilation)
    {
        int types = 0;
        int methods = 0;
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (ISymbol member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceSymbol ns:
                        pending.Push(ns);
                        break;
                    case INamedTypeSymbol type:
                        types++;
                        methods += type.GetMembers().Count(m => m is IMethodSymbol { IsImplicitlyDeclared: false });
                        pending.Push(type);
                        break;
                }
            }
        }

        return (types, methods);
    }

    private static double Median(List<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>OS, CPU, cores, runtime, Roslyn and GC mode: enough to compare two reports.</summary>
    public static string MachineLine()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString();
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (model is not null)
                {
                    cpu = model.Substring(model.IndexOf(':', StringComparison.Ordinal) + 1).Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        string roslyn = typeof(CSharpCompilation).Assembly.GetName().Version?.ToString() ?? "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Machine: {RuntimeInformation.OSDescription}, {cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}, Roslyn {roslyn}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
    }

    private readonly record struct AnalyzerTime(string Name, double ExecutionMs, double ThreadCpuMs);

    private readonly record struct Measured(
        double WallMs,
        double ProcessCpuMs,
        List<AnalyzerTime> Analyzers,
        Dictionary<string, int> DiagnosticsById,
        int Exceptions,
        List<string> ExceptionMessages);
}
