using System;

namespace Memalloc
{
    internal static class FlagsValidation
    {
        internal const MemallocFlags All = MemallocFlags.NoFs | MemallocFlags.NoIo | MemallocFlags.NoReclaim;

        internal static void ThrowIfUndefined(MemallocFlags flags, string parameterName)
        {
            if ((flags & ~All) != 0)
            {
                throw new ArgumentOutOfRangeException(
                    parameterName,
                    flags,
                    $"Unknown MemallocFlags bits 0x{(int)(flags & ~All):X}. Combine only MemallocFlags.NoFs, MemallocFlags.NoIo and MemallocFlags.NoReclaim.");
            }
        }
    }
}
