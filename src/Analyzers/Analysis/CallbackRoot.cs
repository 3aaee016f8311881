using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// One callback body to check: a callback method's body, a lambda passed to a callback parameter,
    /// or the body of a method passed as a method group to one (<see cref="ReportAt"/> is then the
    /// method group, and findings inside the body become additional locations).
    /// </summary>
    internal sealed class CallbackRoot
    {
        internal CallbackRoot(IOperation body, CallbackKind kind, ScopeFlags rootFlags, string name, SyntaxNode? functionSyntax, Location? reportAt)
        {
            Body = body;
            Kind = kind;
            RootFlags = rootFlags;
            Name = name;
            FunctionSyntax = functionSyntax;
            ReportAt = reportAt;
        }

        internal IOperation Body { get; }

        internal CallbackKind Kind { get; }

        /// <summary>Scope flags the engine promises for the whole body ([InvokedUnderNoFsScope]).</summary>
        internal ScopeFlags RootFlags { get; }

        /// <summary>How messages name the callback: <c>Aops.WritePages</c>, <c>lambda passed to Engine.OnWriteback</c>.</summary>
        internal string Name { get; }

        /// <summary>The function syntax holding the body, when it is in the document being reported on (code fixes start from it).</summary>
        internal SyntaxNode? FunctionSyntax { get; }

        /// <summary>Null: report at each finding. Otherwise report here (a method group), the finding as an additional location.</summary>
        internal Location? ReportAt { get; }
    }
}
