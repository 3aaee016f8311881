using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// A call a method body makes to a method that may have a body in this compilation. Only syntax of
    /// the method's own tree and a symbol-free name (<see cref="MethodRef"/>) are kept, never an operation
    /// or a symbol, so facts can be kept with their tree across compilations and do not hold bound trees.
    /// </summary>
    internal readonly struct FactCall
    {
        internal FactCall(SyntaxNode site, MethodRef callee, bool coveredForWriteback)
        {
            Site = site;
            Callee = callee;
            CoveredForWriteback = coveredForWriteback;
        }

        /// <summary>The syntax of the operation that calls.</summary>
        internal SyntaxNode Site { get; }

        /// <summary>The target, or one of its overrides or implementations for a virtual call (a summary key).</summary>
        internal MethodRef Callee { get; }

        /// <summary>Under a scope that satisfies writeback callbacks (NoFs) but not I/O callbacks.</summary>
        internal bool CoveredForWriteback { get; }
    }
}
