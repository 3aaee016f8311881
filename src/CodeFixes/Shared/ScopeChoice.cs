using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>
    /// Which scope a fix inserts. The thread scope (a ref struct, free to enter) wherever it can live;
    /// the async scope in an async method, async lambda or iterator when the wrapped region holds an
    /// <c>await</c> (no ref struct survives one, and thread flags would not either), or when the language
    /// version does not allow a ref struct local there at all (before C# 13). No fix wraps a
    /// <c>yield return</c>, which no scope survives (see <see cref="YieldHoist"/>).
    /// </summary>
    internal static class ScopeChoice
    {
        /// <summary>C# 13: ref struct locals in async methods and iterators, as long as none lives across await or yield.</summary>
        private const int RefStructLocalsInAsync = 1300;

        /// <param name="threadScope"><c>NoFsScope</c> or <c>NoIoScope</c>.</param>
        /// <param name="function">The function that will hold the scope (the innermost one around the region).</param>
        /// <param name="region">What the scope wraps.</param>
        internal static string For(string threadScope, SyntaxNode? function, IEnumerable<SyntaxNode> region)
        {
            if (function is null || !FunctionSyntax.IsAsyncOrIterator(function))
            {
                return threadScope;
            }

            bool refStructLocalsAllowed = function.SyntaxTree.Options is CSharpParseOptions options && (int)options.LanguageVersion >= RefStructLocalsInAsync;
            return !refStructLocalsAllowed || region.Any(Suspends) ? MemallocNames.AsyncCounterpart(threadScope) : threadScope;
        }

        /// <summary>Whether <paramref name="node"/> holds an <c>await</c>, <c>yield return</c>, <c>await foreach</c> or <c>await using</c> of its own function (<c>yield break</c> does not suspend).</summary>
        internal static bool Suspends(SyntaxNode node) =>
            node.DescendantNodesAndSelf(n => n == node || !FunctionSyntax.IsFunction(n)).Any(n => n switch
            {
                AwaitExpressionSyntax => true,
                YieldStatementSyntax yield => yield.IsKind(SyntaxKind.YieldReturnStatement),
                CommonForEachStatementSyntax loop => loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                UsingStatementSyntax @using => @using.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                LocalDeclarationStatementSyntax declaration => declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword),
                _ => false,
            });
    }
}
