using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>A run of consecutive statements of one block or switch section, to be wrapped in one scope.</summary>
    internal readonly struct StatementRun
    {
        internal StatementRun(SyntaxList<StatementSyntax> statements, int first, int last)
        {
            Statements = statements;
            First = first;
            Last = last;
        }

        internal SyntaxList<StatementSyntax> Statements { get; }

        internal int First { get; }

        internal int Last { get; }

        internal Microsoft.CodeAnalysis.Text.TextSpan Span =>
            Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(Statements[First].SpanStart, Statements[Last].Span.End);
    }

    /// <summary>
    /// Chooses the runs to wrap in one statement list. Flagged statements merge into one run unless a
    /// barrier separates them: a statement that enters or restores a scope itself, or one that carries
    /// preprocessor directives (wrapping across <c>#if</c> would break the region). A run then widens
    /// until nothing after it uses what it declares (locals, <c>out var</c>, pattern variables, local
    /// functions), and to the end of the list when it holds a <c>using</c> declaration, so the result
    /// compiles and disposes in the same order. A statement that holds a <c>yield return</c> is a barrier
    /// and never part of a run: no scope survives a yield return. A run that cannot widen without
    /// crossing a barrier, or holds a label, is dropped: the fix declines rather than break code.
    /// </summary>
    internal static class StatementRuns
    {
        internal static IEnumerable<StatementRun> Choose(SyntaxList<StatementSyntax> statements, IEnumerable<int> flagged, SemanticModel model)
        {
            int first = -1;
            int last = -1;
            foreach (int index in flagged.Distinct().OrderBy(i => i))
            {
                if (YieldHoist.HoldsYieldReturn(statements[index]))
                {
                    // No scope may span a yield return (YieldHoist fixes `yield return <alloc>;` on its own).
                    if (first >= 0 && Widen(statements, first, last, model) is { } before)
                    {
                        yield return before;
                    }

                    first = -1;
                    continue;
                }

                if (first >= 0 && SeparatedByBarrier(statements, last, index, model))
                {
                    if (Widen(statements, first, last, model) is { } run)
                    {
                        yield return run;
                    }

                    first = -1;
                }

                if (first < 0)
                {
                    first = index;
                }

                last = index;
            }

            if (first >= 0 && Widen(statements, first, last, model) is { } final)
            {
                yield return final;
            }
        }

        /// <summary>Whether flagged statements <paramref name="previous"/> and <paramref name="next"/> cannot share one scope.</summary>
        private static bool SeparatedByBarrier(SyntaxList<StatementSyntax> statements, int previous, int next, SemanticModel model)
        {
            for (int i = previous + 1; i < next; i++)
            {
                if (IsBarrier(statements[i], model))
                {
                    return true;
                }
            }

            return HasDirectives(statements[next]);
        }

        private static StatementRun? Widen(SyntaxList<StatementSyntax> statements, int first, int last, SemanticModel model)
        {
            while (true)
            {
                var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                bool holdsUsingDeclaration = false;
                for (int i = first; i <= last; i++)
                {
                    StatementSyntax statement = statements[i];
                    if (statement is LabeledStatementSyntax || (i > first && HasDirectives(statement)))
                    {
                        return null;
                    }

                    holdsUsingDeclaration |= statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword };
                    if (statement is LocalFunctionStatementSyntax localFunction && model.GetDeclaredSymbol(localFunction) is { } function)
                    {
                        declared.Add(function);
                    }
                }

                DataFlowAnalysis? flow = model.AnalyzeDataFlow(statements[first], statements[last]);
                if (flow is null || !flow.Succeeded)
                {
                    return null;
                }

                declared.UnionWith(flow.VariablesDeclared);
                int newLast = holdsUsingDeclaration ? statements.Count - 1 : last;
                for (int j = statements.Count - 1; j > newLast; j--)
                {
                    if (References(statements[j], declared, model))
                    {
                        newLast = j;
                        break;
                    }
                }

                if (newLast == last)
                {
                    return new StatementRun(statements, first, last);
                }

                for (int i = last + 1; i <= newLast; i++)
                {
                    if (IsBarrier(statements[i], model))
                    {
                        return null;
                    }
                }

                last = newLast;
            }
        }

        private static bool References(StatementSyntax statement, HashSet<ISymbol> declared, SemanticModel model)
        {
            if (declared.Count == 0)
            {
                return false;
            }

            var names = new HashSet<string>(declared.Select(s => s.Name));
            foreach (IdentifierNameSyntax identifier in statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (names.Contains(identifier.Identifier.ValueText) &&
                    model.GetSymbolInfo(identifier).Symbol is { } symbol &&
                    declared.Contains(symbol.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBarrier(StatementSyntax statement, SemanticModel model) =>
            HasDirectives(statement) || IsScopeConstruct(statement, model) || YieldHoist.HoldsYieldReturn(statement);

        private static bool HasDirectives(StatementSyntax statement) => statement.GetLeadingTrivia().Any(t => t.IsDirective);

        /// <summary>Whether the statement itself enters or restores a scope (not in a nested function or block).</summary>
        private static bool IsScopeConstruct(StatementSyntax statement, SemanticModel model)
        {
            SyntaxNode? expression = statement switch
            {
                LocalDeclarationStatementSyntax declaration => declaration.Declaration,
                UsingStatementSyntax @using => (SyntaxNode?)@using.Declaration ?? @using.Expression,
                ExpressionStatementSyntax expressionStatement => expressionStatement.Expression,
                _ => null,
            };
            if (expression is null)
            {
                return false;
            }

            foreach (InvocationExpressionSyntax invocation in expression.DescendantNodesAndSelf(n => !FunctionSyntax.IsFunction(n)).OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method &&
                    (MemallocNames.IsMemallocType(method.ContainingType, MemallocNames.MemallocContext) ||
                     (method.Name == "Enter" && method.ContainingType?.ContainingNamespace?.Name == MemallocNames.Namespace)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
