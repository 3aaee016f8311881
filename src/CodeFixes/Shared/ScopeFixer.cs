using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using NoFsScope.Analyzers.Internals;
using NoFsScope.Analyzers.Analysis;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>
    /// Applies one kind of scope fix for any number of NOFS001 diagnostics of one document at once,
    /// so a single fix and Fix All share one implementation, and Fix All yields one scope per run
    /// or per callback, never one per statement and never nested duplicates.
    /// </summary>
    internal static class ScopeFixer
    {
        internal static async Task<Document> FixAsync(Document document, IEnumerable<Diagnostic> diagnostics, ScopeFixKind kind, CancellationToken cancellationToken)
        {
            DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            diagnostics = diagnostics.Where(d => !InRecoveredMember(editor.OriginalRoot, d)).ToList();
            bool changed = kind == ScopeFixKind.ScopeWholeCallback
                ? ScopeCallbacks(editor, diagnostics, cancellationToken)
                : WrapStatements(editor, diagnostics, cancellationToken);
            if (!changed)
            {
                return document;
            }

            // Adds 'using Memalloc;' where the qualified scope type needs it; the code action's cleanup then simplifies the name.
            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Whether <see cref="FixAsync"/> would change anything for this one diagnostic.</summary>
        internal static bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, ScopeFixKind kind, CancellationToken cancellationToken)
        {
            if (InRecoveredMember(root, diagnostic) || !TryRead(root, diagnostic, out SyntaxNode node, out _, out int callbackStart))
            {
                return false;
            }

            SyntaxNode? function = CallbackFunction(node, callbackStart);
            if (function is null)
            {
                return false;
            }

            if (kind == ScopeFixKind.ScopeWholeCallback)
            {
                return IsInBody(function, node) && !HoldsYieldReturn(function);
            }

            return FixTargets.Find(node, callbackStart) switch
            {
                ListedStatementTarget { Statement: var statement } when YieldHoist.AsYieldReturn(statement) is { } yield => YieldHoist.ItemType(yield, model) is not null,
                ListedStatementTarget listed => StatementRuns.Choose(Statements(listed.List), new[] { Statements(listed.List).IndexOf(listed.Statement) }, model).Any(),
                EmbeddedStatementTarget { Statement: var statement } when YieldHoist.AsYieldReturn(statement) is { } yield => YieldHoist.ItemType(yield, model) is not null,
                EmbeddedStatementTarget embedded => !YieldHoist.HoldsYieldReturn(embedded.Statement),
                ExpressionBodyTarget => true,
                _ => false,
            };
        }

        /// <summary>The diagnostic sits in a member the parser had to recover (see <see cref="SyntaxErrors"/>): no fix there.</summary>
        private static bool InRecoveredMember(SyntaxNode root, Diagnostic diagnostic) =>
            root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault() is { } member &&
            SyntaxErrors.Around(member);

        private static bool ScopeCallbacks(DocumentEditor editor, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var scopes = new Dictionary<SyntaxNode, string>();
            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (TryRead(editor.OriginalRoot, diagnostic, out SyntaxNode node, out string scopeType, out int callbackStart) &&
                    CallbackFunction(node, callbackStart) is { } function &&
                    IsInBody(function, node) &&
                    !HoldsYieldReturn(function))
                {
                    // One callback has one kind; if ever mixed, the stronger scope wins.
                    scopes[function] = scopes.TryGetValue(function, out string? existing) && existing == MemallocNames.NoIoScope ? existing : scopeType;
                }
            }

            foreach (KeyValuePair<SyntaxNode, string> pair in scopes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode function = pair.Key;
                string name = LocalNames.Unique(function, editor.SemanticModel, "scope");
                SyntaxNode body = (SyntaxNode?)FunctionBodies.Block(function) ?? FunctionBodies.ExpressionBody(function)!;
                string scopeType = ScopeChoice.For(pair.Value, function, new[] { body });
                bool returnsVoid = FunctionBodies.ReturnsVoid(function, editor.SemanticModel);
                SyntaxTrivia endOfLine = ScopeSyntax.EndOfLine(editor.OriginalRoot);
                LocalDeclarationStatementSyntax declaration = ScopeSyntax.UsingDeclaration(scopeType, name).WithTrailingTrivia(endOfLine);
                editor.ReplaceNode(function, (current, _) =>
                {
                    if (FunctionBodies.Block(current) is { } block)
                    {
                        return FunctionBodies.WithBlock(current, block.WithStatements(block.Statements.Insert(0, declaration)));
                    }

                    ExpressionSyntax expression = FunctionBodies.ExpressionBody(current)!;
                    return ToBlockBody(current, Block(declaration, FunctionBodies.AsStatement(expression, returnsVoid).WithTrailingTrivia(endOfLine)));
                });
            }

            return scopes.Count > 0;
        }

        private static bool WrapStatements(DocumentEditor editor, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            SemanticModel model = editor.SemanticModel;
            var listed = new Dictionary<SyntaxNode, (string ScopeType, List<int> Indices)>();
            var edits = new List<(Microsoft.CodeAnalysis.Text.TextSpan Span, System.Action Apply)>();
            var itemNames = new Dictionary<SyntaxNode, HashSet<string>>();

            foreach (Diagnostic diagnostic in diagnostics)
            {
                if (!TryRead(editor.OriginalRoot, diagnostic, out SyntaxNode node, out string scopeType, out int callbackStart) ||
                    CallbackFunction(node, callbackStart) is null)
                {
                    continue;
                }

                FixTarget? found = FixTargets.Find(node, callbackStart);
                if (found is ListedStatementTarget or EmbeddedStatementTarget && YieldHoist.AsYieldReturn((StatementSyntax)found.Node) is { } yield)
                {
                    // No scope may span the yield: the value is computed under the scope, then yielded.
                    if (YieldHoist.ItemType(yield, model) is { } itemType && FunctionSyntax.EnclosingFunction(yield) is { } enclosing)
                    {
                        string name = YieldHoist.ItemName(enclosing, model, itemNames);
                        string hoistScope = scopeType;
                        bool embeddedYield = found is EmbeddedStatementTarget;
                        edits.Add((yield.Span, () =>
                        {
                            if (embeddedYield)
                            {
                                YieldHoist.HoistEmbedded(editor, yield, hoistScope, name, itemType);
                            }
                            else
                            {
                                YieldHoist.HoistInList(editor, yield, hoistScope, name, itemType);
                            }
                        }));
                    }

                    continue;
                }

                switch (found)
                {
                    case ListedStatementTarget target:
                        if (!listed.TryGetValue(target.List, out var entry))
                        {
                            entry = (scopeType, new List<int>());
                            listed.Add(target.List, entry);
                        }

                        entry.Indices.Add(Statements(target.List).IndexOf(target.Statement));
                        if (scopeType == MemallocNames.NoIoScope)
                        {
                            listed[target.List] = (scopeType, entry.Indices);
                        }

                        break;

                    case EmbeddedStatementTarget target when !YieldHoist.HoldsYieldReturn(target.Statement):
                        StatementSyntax embedded = target.Statement;
                        string embeddedScope = ScopeChoice.For(scopeType, FunctionSyntax.EnclosingFunction(embedded), new[] { embedded });
                        edits.Add((embedded.Span, () => editor.ReplaceNode(embedded, (current, _) =>
                            ScopeSyntax.UsingBlock(embeddedScope, SingletonList(((StatementSyntax)current).WithoutLeadingTrivia()))
                                .WithLeadingTrivia(OnItsOwnLine(current.GetLeadingTrivia())))));
                        break;

                    case ExpressionBodyTarget target:
                        SyntaxNode function = target.Function;
                        string bodyScope = ScopeChoice.For(scopeType, function, new[] { FunctionBodies.ExpressionBody(function)! });
                        bool returnsVoid = FunctionBodies.ReturnsVoid(function, model);
                        edits.Add((function.Span, () => editor.ReplaceNode(function, (current, _) =>
                        {
                            StatementSyntax statement = FunctionBodies.AsStatement(FunctionBodies.ExpressionBody(current)!, returnsVoid);
                            return ToBlockBody(current, Block(ScopeSyntax.UsingBlock(bodyScope, SingletonList(statement))));
                        })));
                        break;
                }
            }

            foreach (KeyValuePair<SyntaxNode, (string ScopeType, List<int> Indices)> pair in listed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (StatementRun run in StatementRuns.Choose(Statements(pair.Key), pair.Value.Indices, model))
                {
                    StatementRun chosen = run;
                    string scopeType = pair.Value.ScopeType;
                    edits.Add((run.Span, () => ApplyRun(editor, chosen, scopeType)));
                }
            }

            // Outermost first; an edit inside one already taken is covered by it and dropped.
            var taken = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var edit in edits.OrderByDescending(e => e.Span.Length).ThenBy(e => e.Span.Start))
            {
                if (taken.Any(span => span.Contains(edit.Span)))
                {
                    continue;
                }

                taken.Add(edit.Span);
                edit.Apply();
            }

            return taken.Count > 0;
        }

        private static void ApplyRun(DocumentEditor editor, StatementRun run, string scopeType)
        {
            StatementSyntax first = run.Statements[run.First];
            (SyntaxTriviaList outside, SyntaxTriviaList inside) = SplitLeadingTrivia(first.GetLeadingTrivia());
            var moved = new List<StatementSyntax> { first.WithLeadingTrivia(inside) };
            for (int i = run.First + 1; i <= run.Last; i++)
            {
                moved.Add(run.Statements[i]);
            }

            string chosen = ScopeChoice.For(scopeType, FunctionSyntax.EnclosingFunction(first), moved);
            editor.ReplaceNode(first, ScopeSyntax.UsingBlock(chosen, List(moved)).WithLeadingTrivia(outside));
            for (int i = run.First + 1; i <= run.Last; i++)
            {
                editor.RemoveNode(run.Statements[i], SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        /// <summary>
        /// Directives, blank lines and indentation before the first statement stay outside the new
        /// scope (an <c>#if</c> must keep enclosing it); comments from the first one on stay with the statement.
        /// </summary>
        private static (SyntaxTriviaList Outside, SyntaxTriviaList Inside) SplitLeadingTrivia(SyntaxTriviaList leading)
        {
            int split = 0;
            for (int i = 0; i < leading.Count; i++)
            {
                if (leading[i].IsDirective)
                {
                    split = i + 1;
                }
            }

            while (split < leading.Count && !IsComment(leading[split]))
            {
                split++;
            }

            return (TriviaList(leading.Take(split)), TriviaList(leading.Skip(split)));
        }

        /// <summary>An embedded statement wrapped in a scope starts its own line (<c>if (x)</c> / <c>using (…)</c>), unless trivia already places it.</summary>
        private static SyntaxTriviaList OnItsOwnLine(SyntaxTriviaList leading) =>
            leading.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsDirective || IsComment(t)) ? leading : TriviaList(ElasticLineFeed);

        private static bool IsComment(SyntaxTrivia trivia) => trivia.Kind() is SyntaxKind.SingleLineCommentTrivia
            or SyntaxKind.MultiLineCommentTrivia
            or SyntaxKind.SingleLineDocumentationCommentTrivia
            or SyntaxKind.MultiLineDocumentationCommentTrivia;

        private static SyntaxNode ToBlockBody(SyntaxNode function, BlockSyntax block)
        {
            SyntaxTriviaList trailing = function.GetLastToken().TrailingTrivia;
            return FunctionBodies.WithBlock(function, block)
                .WithTrailingTrivia(trailing)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        private static bool TryRead(SyntaxNode root, Diagnostic diagnostic, out SyntaxNode node, out string scopeType, out int callbackStart)
        {
            node = root;
            scopeType = string.Empty;
            callbackStart = -1;
            if (!diagnostic.Properties.TryGetValue(ScopeDiagnostics.ScopeTypeProperty, out string? type) || type is null ||
                !diagnostic.Properties.TryGetValue(ScopeDiagnostics.CallbackStartProperty, out string? start) ||
                !int.TryParse(start, NumberStyles.Integer, CultureInfo.InvariantCulture, out callbackStart) ||
                !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return false;
            }

            node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            scopeType = type;
            return true;
        }

        private static SyntaxNode? CallbackFunction(SyntaxNode node, int callbackStart) =>
            node.AncestorsAndSelf().FirstOrDefault(n => FunctionSyntax.IsFunction(n) && n.SpanStart == callbackStart);

        /// <summary>Whether the function's body holds a <c>yield return</c>: a scope over the whole body would span it.</summary>
        private static bool HoldsYieldReturn(SyntaxNode function) =>
            ((SyntaxNode?)FunctionBodies.Block(function) ?? FunctionBodies.ExpressionBody(function)) is { } body && YieldHoist.HoldsYieldReturn(body);

        /// <summary>Whether <paramref name="node"/> is in the function's body rather than in a constructor initializer or parameter default.</summary>
        private static bool IsInBody(SyntaxNode function, SyntaxNode node)
        {
            SyntaxNode? body = (SyntaxNode?)FunctionBodies.Block(function) ?? FunctionBodies.ExpressionBody(function);
            return body is not null && body.Span.Contains(node.Span);
        }

        private static SyntaxList<StatementSyntax> Statements(SyntaxNode list) => list switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default,
        };
    }
}
