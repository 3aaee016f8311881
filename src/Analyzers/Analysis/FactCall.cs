using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>A call a method body makes to a method that may have a body in this compilation.</summary>
    internal readonly struct FactCall
    {
        internal FactCall(IOperation site, IMethodSymbol callee, bool coveredForWriteback)
        {
            Site = site;
            Callee = callee;
            CoveredForWriteback = coveredForWriteback;
        }

        /// <summary>The operation that calls.</summary>
        internal IOperation Site { get; }

        /// <summary>The target, or one of its overrides or implementations for a virtual call (a summary key).</summary>
        internal IMethodSymbol Callee { get; }

        /// <summary>Under a scope that satisfies writeback callbacks (NoFs) but not I/O callbacks.</summary>
        internal bool CoveredForWriteback { get; }
    }
}
