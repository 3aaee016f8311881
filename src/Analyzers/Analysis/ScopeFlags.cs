using System;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>The analyzer's mirror of <c>Memalloc.MemallocFlags</c> (same values; the analyzer does not reference the runtime).</summary>
    [Flags]
    internal enum ScopeFlags
    {
        None = 0,
        NoFs = 1,
        NoIo = 2,
        NoReclaim = 4,
        All = NoFs | NoIo | NoReclaim,
    }

    /// <summary>The analyzer's mirror of <c>Memalloc.AllocFlags</c>.</summary>
    [Flags]
    internal enum GfpFlags
    {
        None = 0,
        DirectReclaim = 1,
        Io = 2,
        Fs = 4,
        Default = DirectReclaim | Io | Fs,
    }
}
