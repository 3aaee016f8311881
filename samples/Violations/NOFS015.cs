using System.Threading.Tasks;
using Memalloc;

namespace Violations;

// NOFS015: per-thread flags held across an await.
public sealed class AsyncFlusher
{
    private readonly BufferPool _pool = new();

    [WritebackCallback]
    public async Task FlushAsync(WritebackControl wbc)
    {
        var saved = MemallocContext.Save(MemallocFlags.NoFs);   // NOFS015: restored on whichever thread resumes
        try
        {
            _pool.Rent();
            await Task.Yield();
            _pool.Rent();                                        // NOFS001: after the await this thread has no NoFs
        }
        finally
        {
            MemallocContext.Restore(saved);
        }
    }

    [WritebackCallback]
    public async Task FlushScopedAsync(WritebackControl wbc)
    {
        using var scope = AsyncNoFsScope.Enter();                // fine: the flags follow the flow
        await Task.Yield();
        _pool.Rent();
    }
}
