using System;
using Memalloc;
using Xunit;

namespace NoFsScope.SampleFs.Tests;

/// <summary>The engine's shrinkers under the flags a scope leaves: filesystem work is skipped under NoFs, everything under NoReclaim.</summary>
public sealed class ShrinkerBehaviourTests
{
    [Fact]
    public void Under_NoFs_reclaim_drops_clean_pages_but_writes_nothing_back_and_skips_the_inode_cache()
    {
        using var engine = TestEngine.Create();
        engine.FillPoolWithDirtyPages();
        long writtenBefore = engine.Fs.Statistics.PagesWritten;

        ReclaimResult result;
        using (Memalloc.NoFsScope.Enter())
        {
            result = DirectReclaim.Run(engine.Fs.Shrinkers, AllocFlags.Default, target: 4);
        }

        Assert.False(result.Refused);
        Assert.Equal(AllocFlags.NoFs, result.Flags);
        Assert.Equal(1, result.ShrinkersSkipped);
        Assert.Equal(0, result.Freed);
        Assert.Equal(writtenBefore, engine.Fs.Statistics.PagesWritten);
    }

    [Fact]
    public void With_Fs_allowed_reclaim_writes_dirty_pages_back_and_frees_them()
    {
        using var engine = TestEngine.Create();
        engine.FillPoolWithDirtyPages();

        ReclaimResult result = DirectReclaim.Run(engine.Fs.Shrinkers, AllocFlags.Default, target: 4);

        Assert.Equal(0, result.ShrinkersSkipped);
        Assert.True(result.Freed >= 4, result.ToString());
        Assert.Equal(TestEngine.PoolPages, engine.Fs.Statistics.PagesWritten);
        Assert.True(engine.Fs.Pool.FreeCount >= 4);
    }

    [Fact]
    public void Under_NoReclaim_nothing_runs()
    {
        using var engine = TestEngine.Create();
        engine.FillPoolWithDirtyPages();

        ReclaimResult result;
        using (NoReclaimScope.Enter())
        {
            result = DirectReclaim.Run(engine.Fs.Shrinkers, AllocFlags.Default, target: 4);
        }

        Assert.True(result.Refused);
        Assert.Equal(0, engine.Fs.Statistics.PagesWritten);
        Assert.Equal(0, engine.Fs.Pool.FreeCount);
    }

    [Fact]
    public void Reclaim_with_Fs_evicts_unused_inodes_and_their_size_survives_in_the_inode_table()
    {
        using var engine = TestEngine.Create();
        long length = 3L * engine.Fs.Options.PageSize;
        var chunk = new byte[1000];
        for (long offset = 0; offset < length; offset += chunk.Length)
        {
            int count = (int)Math.Min(chunk.Length, length - offset);
            global::SampleFs.Program.Fill(chunk, 2, offset);
            engine.Fs.Write(2, offset, chunk.AsSpan(0, count));
        }

        engine.Fs.Sync();
        ReclaimResult result = DirectReclaim.Run(engine.Fs.Shrinkers, AllocFlags.Default, target: 100);

        Assert.Equal(1, engine.Fs.Statistics.InodesEvicted);
        Assert.Equal(4, result.Freed);
        Assert.Equal(TestEngine.PoolPages, engine.Fs.Pool.FreeCount);
        Assert.True(engine.ReadsBack(2, length), "data or size lost with the inode");
    }
}
