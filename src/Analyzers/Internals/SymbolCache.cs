using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// The per-compilation caches keyed by symbol. A large compilation adds tens of thousands of methods
    /// from every analyzer thread, so the dictionary starts big enough to skip the first resizes (a resize
    /// holds every lock) and has enough lock stripes that concurrent adds rarely wait on each other.
    /// </summary>
    internal static class SymbolCache
    {
        private const int InitialCapacity = 1024;

        // Lock stripes: a fixed number (analyzers may not read the environment for the processor count);
        // 32 keeps waits rare on machines with many cores and costs 32 small objects per cache.
        private const int ConcurrencyLevel = 32;

        internal static ConcurrentDictionary<TSymbol, TValue> Create<TSymbol, TValue>()
            where TSymbol : class, ISymbol
        {
            return new ConcurrentDictionary<TSymbol, TValue>(ConcurrencyLevel, InitialCapacity, SymbolEqualityComparer.Default);
        }
    }
}
