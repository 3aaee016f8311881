using System;
using Memalloc;

namespace Violations;

// The shapes of samples/SampleFs done wrong, on the real runtime types: PagePool.Rent/TryRent are
// [MayReclaim], so a writeback callback that reaches them without a NoFs scope is caught.
public sealed class PagedInode
{
    // A plain lock: the page-cache shrinker takes it inside reclaim, so it is NOT reclaim-unsafe.
    public ReclaimAwareLock WritebackLock { get; } = new("inode.writeback");
}

public sealed class PagedAops : AddressSpaceOperations
{
    private readonly PagePool _pool = new(pageCount: 64);
    private readonly PagedInode _inode = new();

    // A lock constructed reclaim-unsafe: holding it implies NoFs, and the analyzers know it.
    private readonly ReclaimAwareLock _journalLock = new("journal", reclaimUnsafe: true);

    public override void WritePages(WritebackControl wbc)
    {
        using WritebackSection writeback = WritebackState.Enter("WritePages");
        using (_inode.WritebackLock.Acquire())
        {
            // NOFS001: holding an ordinary lock is not a scope; reclaim may need this very lock.
            _pool.TryRent(AllocFlags.Default, TimeSpan.Zero, out Page bounce);
            _pool.Return(bounce);
        }

        WriteDirtyPages();                              // NOFS002: 'PagedAops.WritePages' → 'PagedAops.WriteDirtyPages' → 'PagePool.Rent(AllocFlags)'

        using (_journalLock.Acquire())
        {
            _pool.Return(_pool.Rent(AllocFlags.Default)); // fine: the reclaim-unsafe lock implies NoFs
        }
    }

    private void WriteDirtyPages() => _pool.Return(_pool.Rent(AllocFlags.Default));
}
