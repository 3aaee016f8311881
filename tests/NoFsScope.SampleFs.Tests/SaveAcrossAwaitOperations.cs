using System.Threading;
using System.Threading.Tasks;
using Memalloc;
using SampleFs;

namespace NoFsScope.SampleFs.Tests;

/// <summary>
/// The bug NOFS015 catches: WritePagesAsync holding a <c>MemallocContext.Save</c> across an await.
/// The NoFs bit stays on the thread that saved it, and the writeback after the await runs on a pool
/// thread without it. This test project does not run the analyzers, so it compiles.
/// </summary>
internal sealed class SaveAcrossAwaitOperations : AddressSpaceOperations
{
    public override async Task<int> WritePagesAsync(Inode inode, CancellationToken cancellationToken)
    {
        MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
        try
        {
            await Task.Yield();
            return WriteUnderLock(inode, $"WritePagesAsync({inode})", cancellationToken);
        }
        finally
        {
            MemallocContext.Restore(saved);
        }
    }
}
