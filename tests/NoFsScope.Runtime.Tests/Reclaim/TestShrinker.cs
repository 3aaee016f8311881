using System;
using System.Collections.Generic;
using Memalloc;

namespace NoFsScope.Runtime.Tests.Reclaim;

/// <summary>
/// A scripted shrinker for the reclaim tests. By default it reports <see cref="Available"/> objects
/// and frees up to <see cref="ShrinkControl.ToScan"/> of them; <see cref="OnCount"/> and
/// <see cref="OnScan"/> replace that. Every call is recorded with the control it got and the
/// thread's <see cref="MemallocContext.Current"/> at the time; recording is thread-safe.
/// </summary>
internal sealed class TestShrinker : IShrinker
{
    private readonly object _gate = new();
    private long _available;

    public TestShrinker(string name, AllocFlags requiredFlags = AllocFlags.None, long available = 10)
    {
        Name = name;
        RequiredFlags = requiredFlags;
        Available = available;
    }

    public string Name { get; }

    public AllocFlags RequiredFlags { get; }

    public long Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }

        set
        {
            lock (_gate)
            {
                _available = value;
            }
        }
    }

    public Func<long>? OnCount { get; set; }

    public Func<ShrinkControl, long>? OnScan { get; set; }

    public List<ShrinkControl> CountCalls { get; } = new();

    public List<ShrinkControl> ScanCalls { get; } = new();

    public List<MemallocFlags> CountContexts { get; } = new();

    public List<MemallocFlags> ScanContexts { get; } = new();

    public long Count(ShrinkControl control)
    {
        lock (_gate)
        {
            CountCalls.Add(control);
            CountContexts.Add(MemallocContext.Current);
        }

        return OnCount is null ? Available : OnCount();
    }

    public long Scan(ShrinkControl control)
    {
        lock (_gate)
        {
            ScanCalls.Add(control);
            ScanContexts.Add(MemallocContext.Current);
        }

        if (OnScan is not null)
        {
            return OnScan(control);
        }

        lock (_gate)
        {
            long freed = Math.Min(control.ToScan, _available);
            _available -= freed;
            return freed;
        }
    }

    public override string ToString() => Name;
}
