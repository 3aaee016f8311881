using Memalloc;

namespace Violations;

// NOFS001: reclaim-capable allocations made directly in writeback and I/O callbacks.
public sealed class ExtentAops : AddressSpaceOperations
{
    private readonly BufferPool _pool = new();

    public override void WritePages(WritebackControl wbc)
    {
        byte[] bio = _pool.Rent();                      // NOFS001: Default may recurse into this filesystem

        using (NoFsScope.Enter())
        {
            byte[] scoped = _pool.Rent();               // fine: under a NoFs scope
        }

        byte[] legacy = _pool.Rent(AllocFlags.NoFs);    // fine: GFP_NOFS-style request (NOFS012 will suggest a scope)
    }
}

public sealed class NvmeDevice : IBlockDevice
{
    private readonly BufferPool _pool = new();

    public void Submit(byte[] bio)
    {
        using var scope = NoFsScope.Enter();
        byte[] command = _pool.Rent();                  // NOFS001: the I/O path needs a NoIo scope
    }
}

public static class Registration
{
    public static void Register(BufferPool pool)
    {
        Flusher.OnWriteback(wbc => pool.Rent());        // NOFS001: the lambda is a writeback callback

        Flusher.OnWriteback(wbc =>
        {
            using var scope = NoFsScope.Enter();
            pool.Rent();                                // fine
        });
    }
}

public sealed class JournalledAops : AddressSpaceOperations
{
    private readonly VendorJournal _journal = new();

    public override void WritePages(WritebackControl wbc)
    {
        _journal.Reserve(512);                          // NOFS001: listed as an allocator in NoFsScope.txt
        _journal.Commit();                              // fine: not an allocator
    }
}
