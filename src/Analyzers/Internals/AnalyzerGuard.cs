using System;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// Makes an analyzer failure actionable: an unexpected exception is re-thrown with the file,
    /// line and source text being analyzed, so an AD0001 report says exactly where to look.
    /// Cancellation passes through untouched.
    /// </summary>
    internal static class AnalyzerGuard
    {
        internal static void Run<TContext>(TContext context, SyntaxNode? node, Action<TContext> action)
        {
            try
            {
                action(context);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && node is not null)
            {
                FileLinePositionSpan where = node.GetLocation().GetLineSpan();
                string text = node.ToString();
                if (text.Length > 200)
                {
                    text = text.Substring(0, 200) + "…";
                }

                throw new InvalidOperationException(
                    $"NoFsScope analyzer failed at {where.Path}({where.StartLinePosition.Line + 1},{where.StartLinePosition.Character + 1}) on '{text}': {ex.Message}",
                    ex);
            }
        }
    }
}
