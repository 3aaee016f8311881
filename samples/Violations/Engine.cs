using Memalloc;

namespace Violations;

/// <summary>What writeback hands a filesystem: the range to write.</summary>
public sealed record WritebackControl(long Start, long End);

/// <summary>A page-sized buffer allocator that reclaims (shrinks caches, writes back dirty pages) when it runs dry.</summary>
public sealed class BufferPool
{
    public byte[] Rent(AllocFlags flags = AllocFlags.Default) =>
        new byte[(MemallocContext.Effective(flags) & AllocFlags.Fs) != 0 ? 4096 : 4096];
}

/// <summary>The engine's address-space operations; writepages runs with pages in writeback state.</summary>
public abstract class AddressSpaceOperations
{
    [WritebackCallback]
    public abstract void WritePages(WritebackControl wbc);
}

/// <summary>The block layer: submission runs on the I/O path.</summary>
public interface IBlockDevice
{
    [IoCallback]
    void Submit(byte[] bio);
}

public static class Flusher
{
    /// <summary>Registers a callback the flusher thread invokes for each dirty inode.</summary>
    public static void OnWriteback([WritebackCallback] System.Action<WritebackControl> callback) => _ = callback;
}

/// <summary>A vendored journal the engine cannot annotate; NoFsScope.txt describes it.</summary>
public sealed class VendorJournal
{
    public void Commit() { }

    public byte[] Reserve(int bytes) => new byte[bytes];
}
