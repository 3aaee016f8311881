using Memalloc;

namespace Engine.Migration;

public sealed class PagePool
{
    [MayReclaim]
    public byte[] Rent(AllocFlags flags = AllocFlags.Default) =>
        new byte[(MemallocContext.Effective(flags) & AllocFlags.Fs) != 0 ? 4096 : 4096];
}

public abstract class AddressSpaceOperations
{
    [WritebackCallback]
    public abstract void WritePages(long start, long end);
}

/// <summary>Legacy style: every allocation on the writeback path carries AllocFlags.NoFs.</summary>
public sealed class ExtentAops : AddressSpaceOperations
{
    private readonly PagePool _pool = new();

    public override void WritePages(long start, long end)
    {
        byte[] bio = _pool.Rent(AllocFlags.NoFs);
        byte[] header = _pool.Rent(AllocFlags.NoFs);
        Submit(bio, header);
    }

    private static void Submit(byte[] bio, byte[] header) => bio[0] = header[0];
}

/// <summary>Half-migrated: a scope exists, but the flags inside were never removed.</summary>
public sealed class JournalAops : AddressSpaceOperations
{
    private readonly PagePool _pool = new();

    public override void WritePages(long start, long end)
    {
        using var scope = NoFsScope.Enter();
        byte[] record = _pool.Rent(AllocFlags.NoFs);
        record[0] = 1;
    }
}
