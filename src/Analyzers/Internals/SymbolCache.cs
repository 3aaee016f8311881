using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// The per-compilation caches keyed by symbol (or by <see cref="Analysis.MethodRef"/>). They have enough lock
    /// stripes that concurrent adds from the analyzer threads rarely wait on each other, and start small:
    /// on the editor path every keystroke is a new compilation in which each rule makes its caches afresh
    /// and fills only a few entries, and 1,024-bucket tables were a third of what the rules allocated per
    /// edit. A batch build fills tens of thousands of entries and pays about ten doublings per cache.
    /// </summary>
    internal static class SymbolCache
    {
        private const int InitialCapacity = 64;

        // Lock stripes: a fixed number (analyzers may not read the environment for the processor count);
        // 32 keeps waits rare on machines with many cores and costs 32 small objects per cache.
        private const int ConcurrencyLevel = 32;

        internal static ConcurrentDictionary<TSymbol, TValue> Create<TSymbol, TValue>()
            where TSymbol : class, ISymbol
        {
            return new ConcurrentDictionary<TSymbol, TValue>(ConcurrencyLevel, InitialCapacity, SymbolEqualityComparer.Default);
        }

        /// <summary>A per-compilation cache keyed by something other than a symbol (compared by its own equality).</summary>
        internal static ConcurrentDictionary<TKey, TValue> CreateByValue<TKey, TValue>()
            where TKey : notnull
        {
            return new ConcurrentDictionary<TKey, TValue>(ConcurrencyLevel, InitialCapacity);
        }
    }
}
