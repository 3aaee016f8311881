using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// A call a method body makes: to a method that may have a body in this compilation, or to a
    /// reclaim-capable allocator. Only syntax and symbols are kept, never the operation, so the facts of
    /// every method do not hold every bound tree alive for the compilation's lifetime.
    /// </summary>
    internal readonly struct FactCall
    {
        internal FactCall(SyntaxNode site, IMethodSymbol callee, bool coveredForWriteback)
        {
            Site = site;
            Callee = callee;
            CoveredForWriteback = coveredForWriteback;
        }

        /// <summary>The syntax of the operation that calls.</summary>
        internal SyntaxNode Site { get; }

        /// <summary>The target, or one of its overrides or implementations for a virtual call (a summary key); for an allocation, the allocator.</summary>
        internal IMethodSymbol Callee { get; }

        /// <summary>Under a scope that satisfies writeback callbacks (NoFs) but not I/O callbacks; false for an allocation (kept per kind).</summary>
        internal bool CoveredForWriteback { get; }
    }
}
