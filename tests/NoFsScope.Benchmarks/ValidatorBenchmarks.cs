using BenchmarkDotNet.Attributes;
using Memalloc;

namespace NoFsScope.Benchmarks;

/// <summary>
/// What the validator's hooks cost an allocator while the validator is off (issue 8: "one
/// predictable branch"). Target: <c>MightAlloc</c> off within 0.5 ns of the baseline, which does
/// the allocator's own flag arithmetic; <c>WritebackState.Enter</c>+Dispose off under 2 ns; 0 B.
/// </summary>
[MemoryDiagnoser]
public class ValidatorBenchmarks
{
    private AllocFlags _flags = AllocFlags.Default;

    [GlobalSetup]
    public void Setup() => MemallocValidator.Disable();

    /// <summary>The allocator's own check, without the hook.</summary>
    [Benchmark(Baseline = true)]
    public AllocFlags EffectiveOnly() => MemallocContext.Effective(_flags);

    [Benchmark]
    public AllocFlags MightAllocOffThenEffective()
    {
        MemallocValidator.MightAlloc(_flags);
        return MemallocContext.Effective(_flags);
    }

    [Benchmark]
    public AllocFlags WritebackSectionOff()
    {
        using (WritebackState.Enter("WritePages"))
        {
            return MemallocContext.Effective(_flags);
        }
    }
}
