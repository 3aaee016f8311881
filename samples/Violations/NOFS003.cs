using Memalloc;

namespace Violations;

// NOFS003: a public helper of this library reaches an allocation, but callers in other assemblies cannot see it.
public sealed class ExtentCache
{
    private readonly BufferPool _pool = new();

    public void Populate(int extents) => Load(extents);   // NOFS003: not marked [MayReclaim]

    [MayReclaim]
    public void Refill(int extents) => Load(extents);     // fine: says so

    private void Load(int extents) => _pool.Rent();
}
