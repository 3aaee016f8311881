using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>A scope, or a <c>MemallocContext.Save</c>, whose region holds a suspension it does not survive (for an async scope, a <c>yield return</c>).</summary>
    internal sealed class ThreadScopeRegion
    {
        internal ThreadScopeRegion(IOperation creation, IOperation suspension, string holder, string asyncScope, bool holdsYieldReturn)
        {
            HoldsYieldReturn = holdsYieldReturn;
            Creation = creation;
            Suspension = suspension;
            Holder = holder;
            AsyncScope = asyncScope;
        }

        /// <summary>The <c>Enter</c> or <c>Save</c> call.</summary>
        internal IOperation Creation { get; }

        /// <summary>The first suspension in the region.</summary>
        internal IOperation Suspension { get; }

        /// <summary>What holds the flags, for the message ("The NoFsScope entered here", "The MemallocContext.Save in 'saved'").</summary>
        internal string Holder { get; }

        /// <summary>Whether the region holds a <c>yield return</c> (anywhere, not only first): no scope survives one, so the async scope is no fix.</summary>
        internal bool HoldsYieldReturn { get; }

        /// <summary>Whether the first suspension is a <c>yield return</c>.</summary>
        internal bool IsYieldReturn => Suspensions.IsYieldReturn(Suspension);

        /// <summary>The async scope type that replaces it (for an async scope, the scope itself): <c>AsyncNoFsScope</c>, <c>AsyncNoIoScope</c> or <c>AsyncMemallocScope</c>.</summary>
        internal string AsyncScope { get; }

        /// <summary>The suspension as the user wrote it: <c>await</c>, <c>yield return</c>, <c>await foreach</c> or <c>await using</c>.</summary>
        internal string SuspensionKeyword => Suspension switch
        {
            Microsoft.CodeAnalysis.Operations.IReturnOperation => "yield return",
            Microsoft.CodeAnalysis.Operations.IForEachLoopOperation => "await foreach",
            Microsoft.CodeAnalysis.Operations.IUsingOperation => "await using",
            Microsoft.CodeAnalysis.Operations.IUsingDeclarationOperation => "await using",
            _ => "await",
        };
    }
}
