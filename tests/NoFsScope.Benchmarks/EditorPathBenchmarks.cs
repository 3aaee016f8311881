using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using NoFsScope.Workload;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The editor path (<see cref="EditorSession"/>): one edit in a subsystem's writeback callback, then
/// every analyzer's semantic diagnostics for that document, in a ~50,000-line engine (40 subsystems)
/// and the ~245,000-line default one. Target (issue 10): median under 50 ms, and the two sizes
/// within 1.5x of each other. <c>CompilerOnly</c> is the compiler's own diagnostics for the same
/// document after the same edit. About 4 minutes; <c>--editor-report</c> prints medians faster.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class EditorPathBenchmarks
{
    private EditorSession _session = null!;

    [Params(40, EngineGenerator.DefaultSubsystems)]
    public int Subsystems { get; set; }

    [GlobalSetup]
    public void Setup() => _session = new EditorSession(LargeCompilation.Load(Subsystems));

    [Benchmark(Baseline = true)]
    public int CompilerOnly() => _session.CompileNextEdit();

    [Benchmark]
    public int AllAnalyzers() => _session.AnalyzeNextEdit();

    /// <summary>Each invocation is one edit (tens of milliseconds): 3 warm-up and 20 measured edits, dynamic PGO off as for the compile benchmarks.</summary>
    internal sealed class Config : ManualConfig
    {
        public Config() => AddJob(AnalyzerBenchmarks.CompileJob(warmupCount: 3).WithIterationCount(20).WithId("Edit"));
    }
}
