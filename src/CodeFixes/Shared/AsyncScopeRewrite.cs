using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using NoFsScope.Analyzers.Internals;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>Plans the NOFS015 rewrite of one thread scope or Save into the async scope; null when it would not be safe.</summary>
    internal static class AsyncScopeRewrite
    {
        internal static Action<DocumentEditor>? Plan(SyntaxNode node, SemanticModel model, string asyncScope, CancellationToken cancellationToken)
        {
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation ||
                model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            if (MemallocNames.IsMemallocType(method.ContainingType, MemallocNames.MemallocContext))
            {
                return method.Name == "Save" ? PlanSave(invocation, model, asyncScope, cancellationToken) : null;
            }

            return method.Name == "Enter" && method.IsStatic && access.Expression is NameSyntax
                ? PlanEnter(invocation, asyncScope)
                : null;
        }

        /// <summary><c>NoFsScope.Enter()</c> → <c>AsyncNoFsScope.Enter()</c>, and an explicit local type with it.</summary>
        private static Action<DocumentEditor> PlanEnter(InvocationExpressionSyntax invocation, string asyncScope)
        {
            ArgumentListSyntax arguments = asyncScope == MemallocNames.AsyncMemallocScope && invocation.ArgumentList.Arguments.Count == 0
                ? ArgumentList(SingletonSeparatedList(Argument(Flags("NoReclaim"))))
                : invocation.ArgumentList;
            TypeSyntax? explicitType = invocation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: { IsVar: false } type } } } ? type : null;
            return editor =>
            {
                editor.ReplaceNode(invocation, ScopeSyntax.Enter(asyncScope).WithArgumentList(arguments).WithTriviaFrom(invocation));
                if (explicitType is not null)
                {
                    editor.ReplaceNode(explicitType, ScopeSyntax.TypeName(asyncScope).WithTriviaFrom(explicitType));
                }
            };
        }

        /// <summary>
        /// <c>var saved = MemallocContext.Save(f);</c> followed by <c>try { … } finally { Restore(saved); }</c>, or by
        /// statements and then <c>Restore(saved);</c> → <c>using (AsyncX.Enter(…)) { … }</c>.
        /// </summary>
        private static Action<DocumentEditor>? PlanSave(InvocationExpressionSyntax save, SemanticModel model, string asyncScope, CancellationToken cancellationToken)
        {
            if (save.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
                declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax block, Declaration.Variables.Count: 1 } declaration ||
                model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol token)
            {
                return null;
            }

            SyntaxList<StatementSyntax> statements = block.Statements;
            int index = statements.IndexOf(declaration);
            List<IdentifierNameSyntax> uses = Uses(block, token, model, cancellationToken);
            if (uses.Count != 1 || uses[0].Parent?.Parent?.Parent is not InvocationExpressionSyntax restore ||
                restore.Parent is not ExpressionStatementSyntax restoreStatement ||
                model.GetSymbolInfo(restore, cancellationToken).Symbol is not IMethodSymbol { Name: "Restore" } restoreMethod ||
                !MemallocNames.IsMemallocType(restoreMethod.ContainingType, MemallocNames.MemallocContext))
            {
                return null;
            }

            ArgumentListSyntax arguments = asyncScope == MemallocNames.AsyncMemallocScope ? save.ArgumentList : ArgumentList();
            if (index + 1 < statements.Count &&
                statements[index + 1] is TryStatementSyntax { Catches.Count: 0, Finally.Block.Statements.Count: 1 } @try &&
                @try.Finally.Block.Statements[0] == restoreStatement)
            {
                return editor =>
                {
                    editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
                    editor.ReplaceNode(@try, UsingStatement(null, ScopeSyntax.Enter(asyncScope).WithArgumentList(arguments), @try.Block)
                        .WithLeadingTrivia(declaration.GetLeadingTrivia())
                        .WithTrailingTrivia(@try.GetTrailingTrivia())
                        .WithAdditionalAnnotations(Formatter.Annotation));
                };
            }

            int end = statements.IndexOf(restoreStatement);
            if (end <= index + 1 || DeclaresWhatFollowingCodeReads(statements, index + 1, end, model))
            {
                return null;
            }

            var moved = new List<StatementSyntax>();
            for (int i = index + 1; i < end; i++)
            {
                moved.Add(statements[i]);
            }

            return editor =>
            {
                editor.ReplaceNode(declaration, ScopeSyntax.UsingBlock(asyncScope, List(moved), arguments).WithLeadingTrivia(declaration.GetLeadingTrivia()));
                foreach (StatementSyntax statement in moved)
                {
                    editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                }

                editor.RemoveNode(restoreStatement, SyntaxRemoveOptions.KeepNoTrivia);
            };
        }

        private static ExpressionSyntax Flags(string name) =>
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ScopeSyntax.TypeName("MemallocFlags"), IdentifierName(name));

        /// <summary>Every reference to <paramref name="token"/> in <paramref name="block"/> apart from its declaration.</summary>
        private static List<IdentifierNameSyntax> Uses(BlockSyntax block, ILocalSymbol token, SemanticModel model, CancellationToken cancellationToken) =>
            block.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == token.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, token))
                .ToList();

        /// <summary>Whether statements <paramref name="first"/> to <paramref name="end"/> (exclusive) declare a local that a statement after them reads: a block would hide it.</summary>
        private static bool DeclaresWhatFollowingCodeReads(SyntaxList<StatementSyntax> statements, int first, int end, SemanticModel model)
        {
            DataFlowAnalysis? flow = model.AnalyzeDataFlow(statements[first], statements[end - 1]);
            if (flow is null || !flow.Succeeded)
            {
                return true;
            }

            var declared = new HashSet<string>(flow.VariablesDeclared.Select(v => v.Name));
            if (statements.Skip(first).Take(end - first).Any(s => s is LocalFunctionStatementSyntax or LabeledStatementSyntax))
            {
                return true;
            }

            return declared.Count > 0 && statements.Skip(end + 1).Any(s =>
                s.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => declared.Contains(name.Identifier.ValueText)));
        }
    }
}
