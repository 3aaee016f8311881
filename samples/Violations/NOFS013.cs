using Memalloc;

namespace Violations;

// NOFS013: the engine promises to call page writers under a NoFs scope, then forgets once.
public interface IPageWriter
{
    [InvokedUnderNoFsScope]
    void WritePage(long index);
}

public sealed class WritebackThread
{
    public void Run(IPageWriter writer)
    {
        using (NoFsScope.Enter())
        {
            writer.WritePage(0);                         // fine
        }

        writer.WritePage(1);                             // NOFS013: the promise is broken here
    }
}
