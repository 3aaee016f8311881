using BenchmarkDotNet.Running;

namespace NoFsScope.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet switcher; <c>--analyzer-report</c> prints the per-analyzer table instead, <c>--analyzer-loop N</c> runs only the analyzers N times, for a profiler, <c>--pathological-report</c> and <c>--editor-report</c> time the pathological inputs and the editor path, <c>--editor-loop N</c> runs only N edits of the large engine, for a profiler (see README.md).</summary>
    private static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--analyzer-report")
        {
            return AnalyzerReport.Run();
        }

        if (args.Length == 1 && args[0] == "--editor-report")
        {
            return EditorReport.Run(System.Console.Out);
        }

        if (args.Length == 1 && args[0] == "--pathological-report")
        {
            return PathologicalReport.Run(System.Console.Out);
        }

        if (args.Length == 2 && args[0] == "--analyzer-loop" && int.TryParse(args[1], out int runs))
        {
            return AnalyzerReport.Loop(System.Console.Out, runs);
        }

        if (args.Length == 2 && args[0] == "--editor-loop" && int.TryParse(args[1], out int edits))
        {
            return EditorReport.Loop(System.Console.Out, edits);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
