using Memalloc;

namespace Violations;

// NOFS010: flags that outlive their region.
public sealed class Checkpointer
{
    private readonly BufferPool _pool = new();

    public void Checkpoint()
    {
        var saved = MemallocContext.Save(MemallocFlags.NoFs);   // NOFS010: an exception in Rent skips the Restore
        _pool.Rent();
        MemallocContext.Restore(saved);

        var guarded = MemallocContext.Save(MemallocFlags.NoFs); // fine: the try/finally form
        try
        {
            _pool.Rent();
        }
        finally
        {
            MemallocContext.Restore(guarded);
        }
    }
}
