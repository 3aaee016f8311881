using System.Threading;
using BenchmarkDotNet.Attributes;
using Memalloc;

namespace NoFsScope.Benchmarks;

/// <summary>
/// Cost of the async scopes (issue 11). Target: AsyncNoFsScope Enter+Dispose within 1.5x of a bare
/// AsyncLocal set/restore pair with the same save/restore semantics, measured in the same run, and
/// the bytes each allocates. Also what the union with the flow costs the thread scopes' readers,
/// before and after the process has entered its first async scope.
/// </summary>
[MemoryDiagnoser]
public class AsyncScopeBenchmarks
{
    private static readonly AsyncLocal<MemallocFlags> s_flags = new();

    /// <summary>The floor: one AsyncLocal, set and restored by hand (each write allocates an execution context; the enum is boxed).</summary>
    [Benchmark(Baseline = true)]
    public MemallocFlags AsyncLocalPair()
    {
        MemallocFlags before = s_flags.Value;
        s_flags.Value = before | MemallocFlags.NoFs;
        MemallocFlags seen = s_flags.Value;
        s_flags.Value = before;
        return seen;
    }

    [Benchmark]
    public MemallocFlags AsyncNoFsScopeEnterDispose()
    {
        using (AsyncNoFsScope.Enter())
        {
            return MemallocContext.Current;
        }
    }

    [Benchmark]
    public MemallocFlags AsyncNoFsInsideAsyncNoIo()
    {
        using (AsyncNoIoScope.Enter())
        using (AsyncNoFsScope.Enter())
        {
            return MemallocContext.Current;
        }
    }

    /// <summary>The thread scope, in a process that has used async scopes: its read of Current now consults the flow.</summary>
    [Benchmark]
    public MemallocFlags NoFsScopeEnterDisposeAfterAsyncUse()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            return MemallocContext.Current;
        }
    }

    /// <summary>The allocator's per-request check outside any scope, in a process that has used async scopes.</summary>
    [Benchmark]
    public AllocFlags EffectiveAfterAsyncUse() => MemallocContext.Effective(AllocFlags.Default);

    [GlobalSetup(Targets = new[] { nameof(NoFsScopeEnterDisposeAfterAsyncUse), nameof(EffectiveAfterAsyncUse) })]
    public void UseAnAsyncScopeOnce()
    {
        using (AsyncNoFsScope.Enter())
        {
        }
    }
}
