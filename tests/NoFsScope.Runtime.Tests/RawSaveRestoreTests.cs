using System;
using Memalloc;
using Xunit;

namespace NoFsScope.Runtime.Tests;

public sealed class RawSaveRestoreTests
{
    [Fact]
    public void Save_returns_only_newly_set_bits_and_restore_clears_them()
    {
        MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
        Assert.Equal(MemallocFlags.NoFs, saved);

        MemallocFlags nested = MemallocContext.Save(MemallocFlags.NoFs | MemallocFlags.NoIo);
        Assert.Equal(MemallocFlags.NoIo, nested);
        Assert.Equal(MemallocFlags.NoFs | MemallocFlags.NoIo, MemallocContext.Current);

        MemallocContext.Restore(nested);
        Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);

        MemallocContext.Restore(saved);
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Save_inside_a_scope_of_the_same_kind_returns_none()
    {
        using (Memalloc.NoFsScope.Enter())
        {
            MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
            Assert.Equal(MemallocFlags.None, saved);
            MemallocContext.Restore(saved);
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }
    }

    [Fact]
    public void Object_holding_a_saved_token_restores_it_when_disposed()
    {
        using (var transaction = new Transaction())
        {
            Assert.Equal(MemallocFlags.NoFs, MemallocContext.Current);
        }

        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    [Fact]
    public void Restore_on_a_thread_that_never_saved_is_a_no_op()
    {
        var thread = new System.Threading.Thread(() => MemallocContext.Restore(MemallocFlags.NoFs));
        thread.Start();
        thread.Join();
        Assert.Equal(MemallocFlags.None, MemallocContext.Current);
    }

    private sealed class Transaction : IDisposable
    {
        private readonly MemallocFlags _pflags = MemallocContext.Save(MemallocFlags.NoFs);

        public void Dispose() => MemallocContext.Restore(_pflags);
    }
}
