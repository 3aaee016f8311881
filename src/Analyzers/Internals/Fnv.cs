namespace NoFsScope.Analyzers.Internals
{
    /// <summary>64-bit FNV-1a, for fingerprints that live in one process only (never persisted, never compared across machines).</summary>
    internal static class Fnv
    {
        internal const ulong Offset = 14695981039346656037UL;

        private const ulong Prime = 1099511628211UL;

        internal static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

        internal static ulong Mix(ulong hash, ulong value)
        {
            for (int i = 0; i < 8; i++, value >>= 8)
            {
                hash = (hash ^ (value & 0xFF)) * Prime;
            }

            return hash;
        }

        internal static ulong Mix(ulong hash, string value)
        {
            foreach (char c in value)
            {
                hash = Step(hash, c);
            }

            return Step(hash, '\0');
        }
    }
}
