using Memalloc;

namespace Violations;

// NOFS011 (suggestion): an explicit GFP_NOFS-style request where the scope already removes Fs.
public sealed class LegacyAops : AddressSpaceOperations
{
    private readonly BufferPool _pool = new();

    public override void WritePages(WritebackControl wbc)
    {
        using var scope = NoFsScope.Enter();
        _pool.Rent(AllocFlags.NoFs);                     // NOFS011: pass AllocFlags.Default, the scope decides
    }
}
