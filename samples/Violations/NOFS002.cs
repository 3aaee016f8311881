using Memalloc;

namespace Violations;

// NOFS002: the allocation hides in a helper the writeback callback calls.
internal sealed class Log
{
    private readonly BufferPool _pool = new();

    public void Grow() => _pool.Rent();                 // the allocation at the end of the path
}

internal sealed class Journal
{
    private readonly Log _log = new();

    public void Append() => _log.Grow();

    public void AppendScoped()
    {
        using var scope = NoFsScope.Enter();
        _log.Grow();                                    // fine: the helper scopes itself
    }
}

public sealed class JournalingAops : AddressSpaceOperations
{
    private readonly Journal _journal = new();

    public override void WritePages(WritebackControl wbc)
    {
        _journal.Append();                              // NOFS002: 'JournalingAops.WritePages' → 'Journal.Append' → 'Log.Grow' → 'BufferPool.Rent(AllocFlags)'
        _journal.AppendScoped();                        // fine
    }
}
