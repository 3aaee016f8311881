using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Memalloc;
using Xunit;

namespace NoFsScope.SampleFs.Tests;

/// <summary>Eight writers and the flusher on a small pool with the validator on: no violation, no lost write.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Writers = 8;

    public ConcurrencyTests()
    {
        MemallocValidator.ResetLockOrder();
        MemallocValidator.Enable();
    }

    public void Dispose()
    {
        MemallocValidator.Disable();
        MemallocValidator.ResetLockOrder();
    }

    [Fact]
    public async Task Writers_and_flusher_under_pressure_with_the_validator_on()
    {
        using var engine = TestEngine.Create(poolPages: 48);
        engine.Fs.StartFlusher();
        long length = 24L * engine.Fs.Options.PageSize;
        TimeSpan budget = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();

        // Each writer rewrites its own inode, pass after pass, until the budget is spent (at least one pass).
        (System.Threading.Thread Thread, Task Completion)[] writers = Enumerable.Range(0, Writers).Select(inode => TestEngine.StartThread(() =>
        {
            var chunk = new byte[1000];
            do
            {
                for (long offset = 0; offset < length; offset += chunk.Length)
                {
                    int count = (int)Math.Min(chunk.Length, length - offset);
                    global::SampleFs.Program.Fill(chunk, inode, offset);
                    engine.Fs.Write(inode, offset, chunk.AsSpan(0, count));
                }
            }
            while (clock.Elapsed < budget);
        })).ToArray();

        Task all = Task.WhenAll(writers.Select(w => w.Completion));
        Task finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == all, "writers did not finish within 60 s");
        await all;

        engine.Fs.Sync();
        for (int inode = 0; inode < Writers; inode++)
        {
            Assert.True(engine.ReadsBack(inode, length), $"inode {inode}: data lost or corrupted");
        }

        Assert.True(engine.Fs.Shrinkers.Statistics.Freed > 0, "no memory pressure: " + engine.Fs.Shrinkers.Statistics);
        Assert.True(engine.Fs.Statistics.Writebacks > 0, "the flusher never ran: " + engine.Fs.Statistics);
    }
}
