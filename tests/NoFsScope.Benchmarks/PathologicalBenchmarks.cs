using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using NoFsScope.Pathological;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The pathological inputs the robustness tests run (<see cref="PathologicalInputs"/>): a 50,000-line
/// method, 5,000 nested blocks, a 10,000-method call chain, 500 nested lambdas, huge generic
/// instantiations, unsafe code, a #nullable/#if maze, a source-generated file. Plain compile against
/// compile + every NoFsScope analyzer, and the editor path (the pathological document alone).
/// About 15 minutes; <c>--pathological-report</c> prints the same numbers faster.
/// </summary>
[Config(typeof(AnalyzerBenchmarks.ShortConfig))]
public class PathologicalBenchmarks
{
    private PathologicalWorkload _workload = null!;

    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = string.Empty;

    public static IEnumerable<string> Inputs() => PathologicalInputs.Names;

    [GlobalSetup]
    public void Setup() => _workload = PathologicalWorkload.Load(Input);

    [Benchmark(Baseline = true)]
    public int PlainCompile() => _workload.Compile();

    [Benchmark]
    public int AllAnalyzers() => _workload.Analyze().Length;

    [Benchmark]
    public int EditorPath() => _workload.AnalyzeLastDocument();
}
