using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Discipline
{
    /// <summary>
    /// NOFS010: a thread scope whose value is not disposed on every path (discarded, or held in a
    /// local without <c>using</c> or a <c>finally</c> that disposes it), a <c>MemallocContext.Save</c>
    /// token that is not restored on every path (discarded, or restored outside a <c>finally</c>; or
    /// kept in a field that no Dispose/Commit method of the type restores), and a Restore that runs
    /// while a token saved after it is still active.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS010ScopeNotReleasedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: what the code fix can do ("AddUsing" when a <c>using</c> keyword fixes it).</summary>
        internal const string FixProperty = "Fix";

        /// <summary>The <see cref="FixProperty"/> value for diagnostics that adding <c>using</c> fixes.</summary>
        internal const string AddUsing = "AddUsing";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS010);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var releaseMethods = new TokenReleaseMethods(start.Compilation);
                start.RegisterGuardedOperationAction(operation => Analyze(operation, releaseMethods), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, TokenReleaseMethods releaseMethods)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (ScopeRecognition.ScopeTypeCreated(invocation) is { } scopeType)
            {
                CheckScope(context, invocation, scopeType);
            }
            else if (ScopeRecognition.IsSave(invocation))
            {
                CheckSave(context, invocation, releaseMethods);
            }
            else if (ScopeRecognition.RestoredToken(invocation) is ILocalSymbol restored)
            {
                CheckRestoreOrder(context, invocation, restored);
            }
        }

        private static void CheckScope(OperationAnalysisContext context, IInvocationOperation creation, string scopeType)
        {
            (IOperation use, IOperation value) = UseOf(creation);
            switch (use)
            {
                case IExpressionStatementOperation:
                    Report(context, creation, $"The {scopeType} entered here is discarded, so it is never disposed and its flags stay set; enter it with 'using'", addUsing: true);
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !IsUsing(declarator):
                    if (!ReleasedInFinally(declarator, declarator.Symbol, dispose: true))
                    {
                        Report(context, creation, $"The {scopeType} in '{declarator.Symbol.Name}' is not disposed on every path (an exception skips a plain Dispose call); declare it with 'using' or dispose it in a finally block", addUsing: true);
                    }

                    return;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                    if (!ReleasedInFinally(assignment.Parent ?? assignment, local.Local, dispose: true))
                    {
                        Report(context, creation, $"The {scopeType} assigned to '{local.Local.Name}' is not disposed on every path (an exception skips a plain Dispose call); declare it with 'using' or dispose it in a finally block", addUsing: false);
                    }

                    return;
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when assignment.Value == value:
                    Report(context, creation, $"The {scopeType} stored in field '{field.Field.Name}' is not disposed on every path; keep scopes in 'using' locals, or hold the flags with MemallocContext.Save in an object that restores them in Dispose", addUsing: false);
                    return;
            }
        }

        private static void CheckSave(OperationAnalysisContext context, IInvocationOperation save, TokenReleaseMethods releaseMethods)
        {
            (IOperation use, IOperation value) = UseOf(save);
            switch (use)
            {
                case IExpressionStatementOperation:
                    Report(context, save, "The token MemallocContext.Save returns is discarded, so the flags are never restored; keep it and call MemallocContext.Restore in a finally block, or use a scope", addUsing: false);
                    return;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    CheckLocalToken(context, save, declarator, declarator.Symbol);
                    return;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                    CheckLocalToken(context, save, assignment.Parent ?? assignment, local.Local);
                    return;
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when assignment.Value == value:
                    if (!ReleasedInFinally(assignment.Parent ?? assignment, field.Field, dispose: false) &&
                        !releaseMethods.Restores(field.Field, context.CancellationToken))
                    {
                        Report(context, save, $"The token saved in field '{field.Field.Name}' is not restored by a Dispose, DisposeAsync, Commit, Complete, Cancel or Abort method of '{field.Field.ContainingType.Name}'; restore it there (the XFS transaction pattern)", addUsing: false);
                    }

                    return;
            }
        }

        private static void CheckLocalToken(OperationAnalysisContext context, IInvocationOperation save, IOperation declaration, ILocalSymbol token)
        {
            if (!ReleasedInFinally(declaration, token, dispose: false))
            {
                Report(context, save, $"The token in '{token.Name}' is not restored on every path (an exception skips a plain Restore call); restore it in a finally block, or use a scope", addUsing: false);
            }
        }

        /// <summary>At <c>Restore(a)</c>: a token saved after <c>a</c> in the same body and not yet restored means the inner region loses its flags.</summary>
        private static void CheckRestoreOrder(OperationAnalysisContext context, IInvocationOperation restore, ILocalSymbol restored)
        {
            IOperation? body = FlagFlow.EnclosingFunction(restore);
            if (body is null)
            {
                return;
            }

            // One pass over the body: where each token was saved, and where each was first restored.
            var saves = new List<(ILocalSymbol Token, int At)>();
            var firstRestore = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in body.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && ScopeRecognition.IsSave(declarator.GetVariableInitializer()?.Value))
                {
                    saves.Add((declarator.Symbol, declarator.Syntax.SpanStart));
                }
                else if (operation is IInvocationOperation invocation && ScopeRecognition.RestoredToken(invocation) is ILocalSymbol token &&
                    !firstRestore.ContainsKey(token))
                {
                    firstRestore.Add(token, invocation.Syntax.SpanStart);
                }
            }

            int at = restore.Syntax.SpanStart;
            int savedAt = saves.FindIndex(s => SymbolEqualityComparer.Default.Equals(s.Token, restored));
            if (savedAt < 0)
            {
                return;
            }

            foreach ((ILocalSymbol inner, int innerAt) in saves)
            {
                bool stillActive = innerAt > saves[savedAt].At && innerAt < at &&
                    (!firstRestore.TryGetValue(inner, out int innerRestoredAt) || innerRestoredAt > at);
                if (stillActive)
                {
                    Report(context, restore, $"'{restored.Name}' is restored while '{inner.Name}', saved after it, is still active; restore in the reverse order of saving", addUsing: false);
                    return;
                }
            }
        }

        /// <summary>
        /// Whether a <c>finally</c> releases the variable for the code after <paramref name="declaration"/>:
        /// a try statement after it in its statement list, or a try whose body it is in
        /// (<c>try { saved = Save(…); … } finally { Restore(saved); }</c>).
        /// </summary>
        private static bool ReleasedInFinally(IOperation declaration, ISymbol variable, bool dispose)
        {
            for (IOperation? enclosing = declaration.Parent; enclosing is not null; enclosing = enclosing.Parent)
            {
                if (enclosing is ITryOperation { Finally: { } enclosingFinally } && Releases(enclosingFinally, variable, dispose) &&
                    enclosingFinally != declaration && !enclosingFinally.Syntax.Span.Contains(declaration.Syntax.Span))
                {
                    return true;
                }
            }

            IOperation statement = declaration;
            while (statement.Parent is not null and not IBlockOperation and not ISwitchCaseOperation)
            {
                statement = statement.Parent;
            }

            ImmutableArray<IOperation> statements = statement.Parent switch
            {
                IBlockOperation block => block.Operations,
                ISwitchCaseOperation section => section.Body,
                _ => ImmutableArray<IOperation>.Empty,
            };
            for (int i = statements.IndexOf(statement) + 1; i > 0 && i < statements.Length; i++)
            {
                if (statements[i] is ITryOperation { Finally: { } @finally } && Releases(@finally, variable, dispose))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Releases(IOperation region, ISymbol variable, bool dispose)
        {
            foreach (IOperation operation in region.DescendantsAndSelf())
            {
                if (ScopeRecognition.IsCloseOf(operation, variable, dispose))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsUsing(IVariableDeclaratorOperation declarator) =>
            declarator.Parent?.Parent is IVariableDeclarationGroupOperation { Parent: IUsingDeclarationOperation or IUsingOperation };

        /// <summary>The operation that consumes the value of <paramref name="creation"/> (skipping conversions), and the value it consumes.</summary>
        private static (IOperation Use, IOperation Value) UseOf(IOperation creation)
        {
            IOperation value = creation;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return (value.Parent ?? value, value);
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string message, bool addUsing)
        {
            ImmutableDictionary<string, string?> properties = addUsing
                ? ImmutableDictionary<string, string?>.Empty.Add(FixProperty, AddUsing)
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.Descriptors.NOFS010, at.Syntax.GetLocation(), properties, message));
        }
    }
}
