using BenchmarkDotNet.Running;

namespace NoFsScope.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet switcher; <c>--analyzer-report</c> prints the per-analyzer table instead (see README.md).</summary>
    private static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--analyzer-report")
        {
            return AnalyzerReport.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
