using Memalloc;

namespace Violations;

// NOFS014: a scope left behind with nothing inside that can allocate.
public sealed class Counters
{
    private int _flushes;

    public void CountFlush()
    {
        using (NoFsScope.Enter())                        // NOFS014: covers nothing that can allocate
        {
            _flushes++;
        }
    }
}
