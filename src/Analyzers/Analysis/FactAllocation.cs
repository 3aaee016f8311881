using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>A reclaim-capable allocation a method body makes itself, by syntax and by how messages name the allocator.</summary>
    internal readonly struct FactAllocation
    {
        internal FactAllocation(SyntaxNode site, string allocator)
        {
            Site = site;
            Allocator = allocator;
        }

        /// <summary>The syntax of the allocating call.</summary>
        internal SyntaxNode Site { get; }

        /// <summary><c>BufferPool.Rent(AllocFlags)</c> (<see cref="Internals.DisplayNames.Call"/>).</summary>
        internal string Allocator { get; }
    }
}
