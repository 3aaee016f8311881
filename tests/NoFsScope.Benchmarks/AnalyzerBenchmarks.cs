using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Workload;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The NoFsScope analyzers on a generated, solution-sized engine (<see cref="EngineGenerator"/>:
/// ~245,000 lines, ~2,600 types), against the plain compile of the same code. Every invocation
/// starts from a fresh compilation: binding and every analyzer cache are per compilation. Target:
/// all analyzers together under 10% of <see cref="PlainCompile"/>.
/// </summary>
/// <remarks>
/// <para>The analyzed benchmarks include the compile: <c>GetAnalyzerDiagnosticsAsync</c> runs the
/// same <c>GetDiagnostics</c> pass to raise the compilation events the analyzers consume, as csc
/// does. So <c>AllAnalyzers − PlainCompile</c> is what the analyzers add, and the Ratio column reads
/// directly against the 10% target (1.10). <see cref="DriverFloor"/> is an analyzer that registers the
/// same kinds of actions and does nothing: what Roslyn's analyzer driver costs before any rule runs.
/// Each analyzer alone: <see cref="SingleAnalyzerBenchmarks"/>.</para>
/// <para>Each iteration is one compile of the whole engine (seconds), so the job is a monitoring job
/// (no pilot, one invocation per iteration). Dynamic PGO is off in the benchmark process: with it,
/// the first compile of a process runs Roslyn's instrumented code for ~40 s; steady-state times are
/// the same either way. For per-analyzer execution and CPU times from the driver's own telemetry,
/// run <see cref="AnalyzerReport"/> (<c>--analyzer-report</c>).</para>
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private LargeCompilation _workload = null!;

    [GlobalSetup]
    public void Setup() => _workload = LargeCompilation.Load();

    [Benchmark(Baseline = true)]
    public int PlainCompile() => _workload.Create().GetDiagnostics().Length;

    [Benchmark]
    public int AllAnalyzers() => Analyze(LargeCompilation.AllAnalyzers());

    [Benchmark]
    public int DriverFloor() => Analyze(ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationAnalyzer()));

    private int Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers) => Run(_workload, analyzers);

    /// <summary>A fresh compilation, the analyzers attached, and their diagnostics (the compile runs first, to raise the events).</summary>
    /// <remarks>The driver does not run analyzers whose rules are all disabled by default (NOFS012), as in a build.</remarks>
    internal static int Run(LargeCompilation workload, ImmutableArray<DiagnosticAnalyzer> analyzers) => workload
        .Create()
        .WithAnalyzers(analyzers, workload.AnalyzerRunOptions(logExecutionTime: false))
        .GetAnalyzerDiagnosticsAsync(CancellationToken.None)
        .GetAwaiter()
        .GetResult()
        .Length;

    /// <summary>One compile per iteration, no pilot, dynamic PGO off (see the remarks).</summary>
    internal static Job CompileJob(int warmupCount) => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(warmupCount)
        .WithIterationCount(5)
        .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredPGO", "0"))
        .WithId("Compile");

    internal sealed class Config : ManualConfig
    {
        public Config() => AddJob(CompileJob(warmupCount: 2));
    }

    /// <summary>One warm-up iteration instead of two, to keep the per-analyzer runs within a few minutes.</summary>
    internal sealed class ShortConfig : ManualConfig
    {
        public ShortConfig() => AddJob(CompileJob(warmupCount: 1));
    }
}

/// <summary>
/// Each NoFsScope analyzer alone on the generated engine, compile included (compare with
/// <see cref="AnalyzerBenchmarks.PlainCompile"/> and <see cref="AnalyzerBenchmarks.DriverFloor"/>). Analyzers are
/// found by reflection, so new rules are measured too. Analyzers whose rules are all disabled by
/// default are not run by the driver, and NOFS900 only reads NoFsScope.txt (no compile is forced).
/// </summary>
[Config(typeof(AnalyzerBenchmarks.ShortConfig))]
public class SingleAnalyzerBenchmarks
{
    private LargeCompilation _workload = null!;

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = string.Empty;

    public static IEnumerable<string> Rules() => LargeCompilation.AnalyzerPrefixes();

    [GlobalSetup]
    public void Setup() => _workload = LargeCompilation.Load();

    [Benchmark]
    public int CompileWithOneAnalyzer() => AnalyzerBenchmarks.Run(_workload, ImmutableArray.Create(LargeCompilation.Analyzer(Rule)));
}
