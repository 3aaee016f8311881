namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>What a callback demands of the allocations it makes. Ordered: a stronger kind wins.</summary>
    internal enum CallbackKind
    {
        /// <summary>Not a callback.</summary>
        None = 0,

        /// <summary><c>[WritebackCallback]</c>: allocations must not recurse into filesystem reclaim.</summary>
        Writeback = 1,

        /// <summary><c>[IoCallback]</c>: allocations must not start any I/O in reclaim.</summary>
        Io = 2,
    }

    internal static class CallbackKindExtensions
    {
        /// <summary>Which scope flags make a region safe for this kind of callback.</summary>
        internal static ScopeFlags SatisfiedBy(this CallbackKind kind) => kind switch
        {
            CallbackKind.Io => ScopeFlags.NoIo | ScopeFlags.NoReclaim,
            _ => ScopeFlags.NoFs | ScopeFlags.NoIo | ScopeFlags.NoReclaim,
        };

        /// <summary>Whether an allocation that may use <paramref name="mayUse"/> can recurse where this kind of callback forbids it.</summary>
        internal static bool IsDangerous(this CallbackKind kind, GfpFlags mayUse)
        {
            if ((mayUse & GfpFlags.DirectReclaim) == 0)
            {
                return false;
            }

            GfpFlags forbidden = kind == CallbackKind.Io ? GfpFlags.Io | GfpFlags.Fs : GfpFlags.Fs;
            return (mayUse & forbidden) != 0;
        }

        internal static CallbackKind Max(this CallbackKind a, CallbackKind b) => a >= b ? a : b;
    }
}
