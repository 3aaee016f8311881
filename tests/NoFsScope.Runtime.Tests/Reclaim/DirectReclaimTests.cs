using System;
using System.Threading;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

public sealed class DirectReclaimTests : IDisposable
{
    private readonly ShrinkerRegistry _registry = new();

    public DirectReclaimTests() => Assert.Equal(MemallocFlags.None, MemallocContext.Current);

    public void Dispose()
    {
        // Reclaim's NoReclaimScope must be gone whatever happened inside it.
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
        Assert.Equal(0, Memalloc.ThreadState.CurrentDepth);
    }

    private TestShrinker Add(string name, AllocFlags required = AllocFlags.None, long available = 10)
    {
        var shrinker = new TestShrinker(name, required, available);
        _registry.Register(shrinker);
        return shrinker;
    }

    [Fact]
    public void Without_scopes_every_shrinker_runs_under_the_requested_flags()
    {
        var clean = Add("clean", AllocFlags.None, 1);
        var io = Add("io", AllocFlags.Io, 1);
        var fs = Add("fs", AllocFlags.Fs, 1);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 100);

        Assert.False(result.Refused, result.ToString());
        Assert.Equal(AllocFlags.Default, result.Flags);
        Assert.Equal(3, result.ShrinkersRun);
        Assert.Equal(0, result.ShrinkersSkipped);
        Assert.Equal(3, result.Freed);
        Assert.Single(clean.ScanCalls);
        Assert.Single(io.ScanCalls);
        Assert.Single(fs.ScanCalls);
    }

    [Fact]
    public void Fs_shrinker_is_skipped_under_NoFsScope()
    {
        var fs = Add("fs", AllocFlags.Fs);
        var clean = Add("clean", AllocFlags.None, 4);

        ReclaimResult result;
        using (Memalloc.NoFsScope.Enter())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 100);
        }

        Assert.Empty(fs.CountCalls);
        Assert.Empty(fs.ScanCalls);
        Assert.Single(clean.ScanCalls);
        Assert.False(result.Refused, result.ToString());
        Assert.Equal(AllocFlags.NoFs, result.Flags);
        Assert.Equal(1, result.ShrinkersSkipped);
        Assert.Equal(1, result.ShrinkersRun);
        Assert.Equal(4, result.Freed);
    }

    [Fact]
    public void Fs_shrinker_is_skipped_under_NoIoScope()
    {
        var fs = Add("fs", AllocFlags.Fs);
        var clean = Add("clean", AllocFlags.None, 2);

        ReclaimResult result;
        using (NoIoScope.Enter())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 100);
        }

        Assert.Empty(fs.ScanCalls);
        Assert.Single(clean.ScanCalls);
        Assert.Equal(AllocFlags.NoIo, result.Flags);
        Assert.Equal(1, result.ShrinkersSkipped);
        Assert.Equal(2, result.Freed);
    }

    [Fact]
    public void Fs_shrinker_is_skipped_while_a_reclaim_unsafe_lock_is_held()
    {
        var fs = Add("fs", AllocFlags.Fs);
        var gate = new ReclaimAwareLock(nameof(Fs_shrinker_is_skipped_while_a_reclaim_unsafe_lock_is_held), reclaimUnsafe: true);

        ReclaimResult result;
        using (gate.Acquire())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
        }

        Assert.Empty(fs.ScanCalls);
        Assert.Equal(AllocFlags.NoFs, result.Flags);
        Assert.Equal(1, result.ShrinkersSkipped);
        Assert.Equal(0, result.ShrinkersRun);
    }

    [Fact]
    public void Fs_shrinker_runs_while_a_normal_lock_is_held()
    {
        var fs = Add("fs", AllocFlags.Fs);
        var gate = new ReclaimAwareLock(nameof(Fs_shrinker_runs_while_a_normal_lock_is_held));

        ReclaimResult result;
        using (gate.Acquire())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
        }

        Assert.Single(fs.ScanCalls);
        Assert.Equal(AllocFlags.Default, result.Flags);
        Assert.Equal(0, result.ShrinkersSkipped);
    }

    [Fact]
    public void Io_shrinker_is_skipped_under_NoIoScope()
    {
        var io = Add("io", AllocFlags.Io);

        ReclaimResult result;
        using (NoIoScope.Enter())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
        }

        Assert.Empty(io.CountCalls);
        Assert.Empty(io.ScanCalls);
        Assert.Equal(1, result.ShrinkersSkipped);
        Assert.Equal(0, result.Freed);
    }

    [Fact]
    public void Io_shrinker_runs_under_NoFsScope()
    {
        var io = Add("io", AllocFlags.Io, 3);

        ReclaimResult result;
        using (Memalloc.NoFsScope.Enter())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 3);
        }

        Assert.Single(io.ScanCalls);
        Assert.Equal(0, result.ShrinkersSkipped);
        Assert.Equal(1, result.ShrinkersRun);
        Assert.Equal(3, result.Freed);
    }

    [Fact]
    public void Requested_NoFs_skips_Fs_shrinkers_without_any_scope()
    {
        var fs = Add("fs", AllocFlags.Fs);
        var io = Add("io", AllocFlags.Io, 1);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.NoFs, target: 1);

        Assert.Empty(fs.ScanCalls);
        Assert.Single(io.ScanCalls);
        Assert.Equal(AllocFlags.NoFs, result.Flags);
    }

    [Fact]
    public void All_shrinkers_are_refused_under_NoReclaimScope()
    {
        var clean = Add("clean");
        var fs = Add("fs", AllocFlags.Fs);

        ReclaimResult result;
        using (NoReclaimScope.Enter())
        {
            result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
        }

        Assert.True(result.Refused, result.ToString());
        Assert.Equal(AllocFlags.Io | AllocFlags.Fs, result.Flags);
        Assert.Equal(0, result.Freed);
        Assert.Equal(0, result.ShrinkersRun);
        Assert.Equal(0, result.ShrinkersSkipped);
        Assert.Empty(clean.CountCalls);
        Assert.Empty(fs.CountCalls);
        Assert.Equal(1, _registry.Statistics.Refused);
        Assert.Equal(0, _registry.Statistics.Runs);
    }

    [Theory]
    [InlineData(AllocFlags.NoWait)]
    [InlineData(AllocFlags.Io | AllocFlags.Fs)]
    public void Requests_without_DirectReclaim_are_refused(AllocFlags requested)
    {
        var clean = Add("clean");

        ReclaimResult result = DirectReclaim.Run(_registry, requested, target: 1);

        Assert.True(result.Refused, result.ToString());
        Assert.Equal(requested, result.Flags);
        Assert.Empty(clean.CountCalls);
        Assert.Empty(clean.ScanCalls);
        Assert.Equal(1, _registry.Statistics.Refused);
    }

    [Fact]
    public void Shrinkers_count_and_scan_under_NoReclaim()
    {
        var observer = Add("observer", AllocFlags.Fs, 1);
        observer.OnScan = control =>
        {
            Assert.True(
                (MemallocContext.Current & MemallocFlags.NoReclaim) != 0,
                $"Scan must run under NoReclaim; the context was {MemallocContext.Current}.");
            return 1;
        };

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);

        Assert.Equal(1, result.Freed);
        Assert.Equal(MemallocFlags.NoReclaim, Assert.Single(observer.CountContexts));
        Assert.Equal(MemallocFlags.NoReclaim, Assert.Single(observer.ScanContexts));
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Shrinkers_keep_the_callers_scopes_and_add_NoReclaim()
    {
        var io = Add("io", AllocFlags.Io, 1);

        using (Memalloc.NoFsScope.Enter())
        {
            DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoReclaim, Assert.Single(io.ScanContexts));
    }

    [Fact]
    public void Allocation_inside_a_shrinker_cannot_reclaim()
    {
        AllocFlags inside = AllocFlags.Default;
        var shrinker = Add("allocating");
        shrinker.OnScan = control =>
        {
            inside = MemallocContext.Effective(AllocFlags.Default);
            return 1;
        };

        DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);

        Assert.Equal(AllocFlags.Io | AllocFlags.Fs, inside);
    }

    [Fact]
    public void Nested_reclaim_inside_Scan_is_refused()
    {
        ReclaimResult? nested = null;
        var shrinker = Add("recursing", AllocFlags.None, 5);
        shrinker.OnScan = control =>
        {
            nested = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
            return 1;
        };

        ReclaimResult outer = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);

        Assert.NotNull(nested);
        Assert.True(nested.Value.Refused, nested.Value.ToString());
        Assert.Equal(AllocFlags.Io | AllocFlags.Fs, nested.Value.Flags);
        Assert.Equal(0, nested.Value.ShrinkersRun);
        Assert.Single(shrinker.ScanCalls);
        Assert.False(outer.Refused, outer.ToString());
        Assert.Equal(1, outer.Freed);
        Assert.Equal(1, _registry.Statistics.Runs);
        Assert.Equal(1, _registry.Statistics.Refused);
    }

    [Fact]
    public void ShrinkControl_carries_the_effective_flags()
    {
        var io = Add("io", AllocFlags.Io, 10);

        using (Memalloc.NoFsScope.Enter())
        {
            DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
        }

        DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);

        Assert.Equal(2, io.ScanCalls.Count);
        ShrinkControl underNoFs = io.ScanCalls[0];
        Assert.Equal(AllocFlags.NoFs, underNoFs.Flags);
        Assert.False(underNoFs.MayEnterFilesystem, "Under NoFsScope the shrinker must not enter the filesystem.");
        Assert.False(underNoFs.MayWriteBack, "Under NoFsScope the shrinker must not write back.");

        ShrinkControl unrestricted = io.ScanCalls[1];
        Assert.Equal(AllocFlags.Default, unrestricted.Flags);
        Assert.True(unrestricted.MayEnterFilesystem, "Without scopes a Default request may enter the filesystem.");
        Assert.True(unrestricted.MayWriteBack, "Without scopes a Default request may write back.");

        Assert.Equal(AllocFlags.NoFs, io.CountCalls[0].Flags);
        Assert.Equal(0, io.CountCalls[0].ToScan);
    }

    [Fact]
    public void ToScan_is_what_the_shrinker_has_capped_by_what_is_still_needed()
    {
        var small = Add("small", AllocFlags.None, 3);
        var large = Add("large", AllocFlags.None, 100);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 5);

        Assert.Equal(3, Assert.Single(small.ScanCalls).ToScan);
        Assert.Equal(2, Assert.Single(large.ScanCalls).ToScan);
        Assert.Equal(5, result.Freed);
        Assert.Equal(98, large.Available);
    }

    [Fact]
    public void Shrinker_with_nothing_to_free_is_not_scanned()
    {
        var empty = Add("empty", AllocFlags.None, 0);
        var negative = Add("negative-count", AllocFlags.None, -5);
        var full = Add("full", AllocFlags.None, 1);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);

        Assert.Single(empty.CountCalls);
        Assert.Empty(empty.ScanCalls);
        Assert.Empty(negative.ScanCalls);
        Assert.Single(full.ScanCalls);
        Assert.Equal(1, result.ShrinkersRun);
        Assert.Equal(0, result.ShrinkersSkipped);
    }

    [Fact]
    public void Stop_moves_on_to_the_next_shrinker()
    {
        var contended = Add("contended");
        contended.OnScan = control => ShrinkControl.Stop;
        var next = Add("next", AllocFlags.None, 4);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 4);

        Assert.Single(contended.ScanCalls);
        Assert.Equal(4, Assert.Single(next.ScanCalls).ToScan);
        Assert.Equal(4, result.Freed);
        Assert.Equal(2, result.ShrinkersRun);
    }

    [Theory]
    [InlineData(-2L)]
    [InlineData(long.MinValue)]
    public void Negative_result_other_than_Stop_throws_naming_the_shrinker(long returned)
    {
        var broken = Add("broken-cache");
        broken.OnScan = control => returned;
        var after = Add("after");

        var error = Assert.Throws<InvalidOperationException>(() => DirectReclaim.Run(_registry, AllocFlags.Default, target: 1));

        Assert.Contains("'broken-cache'", error.Message);
        Assert.Contains(returned.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Empty(after.CountCalls);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Reaching_the_target_stops_early()
    {
        var first = Add("first", AllocFlags.None, 10);
        var second = Add("second", AllocFlags.None, 10);

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 5);

        Assert.Equal(5, Assert.Single(first.ScanCalls).ToScan);
        Assert.Empty(second.CountCalls);
        Assert.Equal(5, result.Freed);
        Assert.Equal(1, result.ShrinkersRun);
    }

    [Fact]
    public void Shrinker_that_frees_more_than_asked_is_counted_in_full()
    {
        var generous = Add("generous");
        generous.OnScan = control => control.ToScan + 7;
        var second = Add("second");

        ReclaimResult result = DirectReclaim.Run(_registry, AllocFlags.Default, target: 2);

        Assert.Equal(9, result.Freed);
        Assert.Empty(second.CountCalls);
    }

    [Fact]
    public void Statistics_add_up_over_runs()
    {
        // Endless supply, at most 100 per scan; filesystem and I/O shrinkers first so that a
        // scoped pass reaches (and skips) them before the clean one meets the target.
        foreach (TestShrinker shrinker in new[] { Add("fs", AllocFlags.Fs), Add("io", AllocFlags.Io), Add("clean") })
        {
            shrinker.OnCount = () => long.MaxValue;
            shrinker.OnScan = control => Math.Min(control.ToScan, 100);
        }

        ReclaimResult full = DirectReclaim.Run(_registry, AllocFlags.Default, target: 250);
        ReclaimResult noFs;
        using (Memalloc.NoFsScope.Enter())
        {
            noFs = DirectReclaim.Run(_registry, AllocFlags.Default, target: 30);
        }

        ReclaimResult noIo;
        using (NoIoScope.Enter())
        {
            noIo = DirectReclaim.Run(_registry, AllocFlags.Default, target: 20);
        }

        ReclaimResult refused = DirectReclaim.Run(_registry, AllocFlags.NoWait, target: 1);

        Assert.Equal(250, full.Freed);
        Assert.Equal(3, full.ShrinkersRun);
        Assert.Equal(30, noFs.Freed);
        Assert.Equal(1, noFs.ShrinkersSkipped);
        Assert.Equal(1, noFs.ShrinkersRun);
        Assert.Equal(20, noIo.Freed);
        Assert.Equal(2, noIo.ShrinkersSkipped);
        Assert.Equal(1, noIo.ShrinkersRun);
        Assert.True(refused.Refused, refused.ToString());

        ReclaimStatistics statistics = _registry.Statistics;
        Assert.Equal(3, statistics.Runs);
        Assert.Equal(1, statistics.Refused);
        Assert.Equal(full.Freed + noFs.Freed + noIo.Freed, statistics.Freed);
        Assert.Equal(full.ShrinkersRun + noFs.ShrinkersRun + noIo.ShrinkersRun, statistics.ShrinkersRun);
        Assert.Equal(full.ShrinkersSkipped + noFs.ShrinkersSkipped + noIo.ShrinkersSkipped, statistics.SkippedForFlags);
        Assert.Equal(3, statistics.SkippedForFlags);
        Assert.Equal(5, statistics.ShrinkersRun);
        Assert.Equal(300, statistics.Freed);
    }

    [Fact]
    public void Statistics_are_not_changed_by_a_run_that_throws()
    {
        var broken = Add("broken");
        broken.OnScan = control => -3;

        Assert.Throws<InvalidOperationException>(() => DirectReclaim.Run(_registry, AllocFlags.Default, target: 1));

        Assert.Equal(0, _registry.Statistics.Runs);
        Assert.Equal(0, _registry.Statistics.ShrinkersRun);
    }

    [Fact]
    public void Statistics_are_safe_under_concurrent_runs()
    {
        Add("endless", AllocFlags.None, long.MaxValue);
        const int Threads = 4;
        const int RunsPerThread = 500;
        ParallelThreads.Run(Threads, _ =>
        {
            for (int i = 0; i < RunsPerThread; i++)
            {
                DirectReclaim.Run(_registry, AllocFlags.Default, target: 1);
                DirectReclaim.Run(_registry, AllocFlags.NoWait, target: 1);
            }
        }, TimeSpan.FromSeconds(30));
        Assert.Equal(Threads * RunsPerThread, _registry.Statistics.Runs);
        Assert.Equal(Threads * RunsPerThread, _registry.Statistics.Refused);
        Assert.Equal(Threads * RunsPerThread, _registry.Statistics.ShrinkersRun);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Target_that_is_not_positive_throws(long target)
    {
        var shrinker = Add("untouched");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DirectReclaim.Run(_registry, AllocFlags.Default, target));

        Assert.Equal("target", error.ParamName);
        Assert.Empty(shrinker.CountCalls);
        Assert.Equal(0, _registry.Statistics.Runs);
        Assert.Equal(0, _registry.Statistics.Refused);
    }

    [Fact]
    public void Null_registry_throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => DirectReclaim.Run(null!, AllocFlags.Default, target: 1));

        Assert.Equal("shrinkers", error.ParamName);
    }
}
