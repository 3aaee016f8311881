using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Memalloc;

namespace NoFsScope.Benchmarks;

/// <summary>
/// Cost of entering and disposing a scope, against the cheapest possible implementation of the
/// same contract. Target: NoFsScope Enter+Dispose within 1.5x of the bare ThreadStatic pair,
/// 0 bytes allocated.
/// </summary>
/// <remarks>
/// Every scope benchmark sets NoFs with the Linux 6.9 save/restore semantics (restore clears only
/// the bits the save newly set) and reads the thread's flags once inside the region, returning
/// them so the body is not dead code. <c>Memalloc.NoFsScope</c> is written out in full because
/// inside this namespace the bare name <c>NoFsScope</c> means the namespace.
/// </remarks>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    [ThreadStatic]
    private static MemallocFlags t_flags;

    private static readonly AsyncLocal<MemallocFlags> s_asyncFlags = new();

    /// <summary>The floor: one [ThreadStatic] field, set and restored by hand.</summary>
    [Benchmark(Baseline = true)]
    public MemallocFlags ThreadStaticPair()
    {
        MemallocFlags newly = MemallocFlags.NoFs & ~t_flags;
        t_flags |= MemallocFlags.NoFs;
        MemallocFlags seen = t_flags;
        t_flags &= ~newly;
        return seen;
    }

    [Benchmark]
    public MemallocFlags NoFsScopeEnterDispose()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            return MemallocContext.Current;
        }
    }

    /// <summary>What the scopes would cost if they flowed across <c>await</c> like an AsyncLocal.</summary>
    [Benchmark]
    public MemallocFlags AsyncLocalPair()
    {
        MemallocFlags newly = MemallocFlags.NoFs & ~s_asyncFlags.Value;
        s_asyncFlags.Value |= MemallocFlags.NoFs;
        MemallocFlags seen = s_asyncFlags.Value;
        s_asyncFlags.Value &= ~newly;
        return seen;
    }

    [Benchmark]
    public MemallocFlags NoFsInsideNoIo()
    {
        using (NoIoScope.Enter())
        using (Memalloc.NoFsScope.Enter())
        {
            return MemallocContext.Current;
        }
    }

    /// <summary>The per-allocation check an allocator makes, on a thread with no scope active.</summary>
    [Benchmark]
    public AllocFlags EffectiveOutsideScope() => MemallocContext.Effective(AllocFlags.Default);
}
