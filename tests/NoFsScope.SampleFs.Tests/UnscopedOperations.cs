using System.Threading;
using Memalloc;
using SampleFs;

namespace NoFsScope.SampleFs.Tests;

/// <summary>
/// The bug NOFS001/NOFS002 catch: WritePages without its NoFsScope. This test project does not run
/// the analyzers, so it compiles; in SampleFs it would not.
/// </summary>
internal sealed class UnscopedOperations : AddressSpaceOperations
{
    public override int WritePages(Inode inode, CancellationToken cancellationToken)
    {
        using WritebackSection writeback = WritebackState.Enter($"WritePages({inode})");
        using ReclaimAwareLock.Holder held = inode.WritebackLock.Acquire(cancellationToken);
        return WriteDirtyPages(inode);
    }
}
