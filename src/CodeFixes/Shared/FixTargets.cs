using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>What a wrap fix edits for one allocation.</summary>
    internal abstract class FixTarget
    {
        internal abstract SyntaxNode Node { get; }
    }

    /// <summary>A statement in a block or switch section: it joins a run of statements under one scope.</summary>
    internal sealed class ListedStatementTarget : FixTarget
    {
        internal ListedStatementTarget(StatementSyntax statement, SyntaxNode list)
        {
            Statement = statement;
            List = list;
        }

        internal StatementSyntax Statement { get; }

        /// <summary>The <see cref="BlockSyntax"/> or <see cref="SwitchSectionSyntax"/> holding the statement.</summary>
        internal SyntaxNode List { get; }

        internal override SyntaxNode Node => Statement;
    }

    /// <summary>An embedded statement (<c>if (x) Alloc();</c>): wrapped on its own.</summary>
    internal sealed class EmbeddedStatementTarget : FixTarget
    {
        internal EmbeddedStatementTarget(StatementSyntax statement) => Statement = statement;

        internal StatementSyntax Statement { get; }

        internal override SyntaxNode Node => Statement;
    }

    /// <summary>An expression-bodied function: converted to a block body that holds the scope.</summary>
    internal sealed class ExpressionBodyTarget : FixTarget
    {
        internal ExpressionBodyTarget(SyntaxNode function) => Function = function;

        internal SyntaxNode Function { get; }

        internal override SyntaxNode Node => Function;
    }

    internal static class FixTargets
    {
        /// <summary>
        /// The smallest thing to wrap so that <paramref name="allocation"/> runs under a scope, or null
        /// when no wrap can cover it (a constructor initializer, a top-level statement). Walks up to the
        /// callback function that starts at <paramref name="callbackStart"/>: a synchronous lambda in
        /// between is covered by wrapping the statement that creates it, a local function's expression
        /// body is converted, since its callers decide its coverage.
        /// </summary>
        internal static FixTarget? Find(SyntaxNode allocation, int callbackStart)
        {
            SyntaxNode child = allocation;
            for (SyntaxNode? parent = allocation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                bool isCallback = FunctionSyntax.IsFunction(parent) && parent.SpanStart == callbackStart;
                switch (parent)
                {
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is { } owner && FunctionSyntax.IsFunction(owner):
                        return new ExpressionBodyTarget(owner);
                    case AnonymousFunctionExpressionSyntax lambda when child == lambda.ExpressionBody && isCallback:
                        return new ExpressionBodyTarget(lambda);
                    case BlockSyntax or SwitchSectionSyntax when child is StatementSyntax statement and not LocalFunctionStatementSyntax:
                        return new ListedStatementTarget(statement, parent);
                    case StatementSyntax or ElseClauseSyntax when child is StatementSyntax embedded and not BlockSyntax and not LocalFunctionStatementSyntax:
                        return new EmbeddedStatementTarget(embedded);
                    case GlobalStatementSyntax:
                        return null;
                }

                if (isCallback)
                {
                    return null;
                }
            }

            return null;
        }
    }
}
