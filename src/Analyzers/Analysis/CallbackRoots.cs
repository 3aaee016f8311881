using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Registers the actions that find every callback body of a compilation and hands each one, as a
    /// <see cref="CallbackRoot"/>, to a rule. Rules differ in what they look for inside; where
    /// callbacks are is decided here once.
    /// </summary>
    internal static class CallbackRoots
    {
        internal static void Register(CompilationStartAnalysisContext start, ReclaimAnalysis analysis, Action<CallbackRoot, Action<Diagnostic>, System.Threading.CancellationToken> visit)
        {
            start.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block, FirstSyntax(block), b => VisitMethod(b, analysis, visit)));
            start.RegisterOperationAction(
                operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, o => VisitDelegate(o, analysis, visit)),
                OperationKind.DelegateCreation);
        }

        private static SyntaxNode? FirstSyntax(OperationBlockAnalysisContext context) =>
            context.OperationBlocks.IsEmpty ? null : context.OperationBlocks[0].Syntax;

        private static void VisitMethod(OperationBlockAnalysisContext context, ReclaimAnalysis analysis, Action<CallbackRoot, Action<Diagnostic>, System.Threading.CancellationToken> visit)
        {
            if (context.OwningSymbol is not IMethodSymbol method)
            {
                return;
            }

            CallbackKind kind = analysis.Callbacks.KindOf(method);
            if (kind == CallbackKind.None)
            {
                return;
            }

            ScopeFlags rootFlags = analysis.RootFlags(method);
            string name = DisplayNames.Member(method);
            foreach (IOperation block in context.OperationBlocks)
            {
                // Bodies, and a constructor's initializer (`: base(...)`); not parameter defaults.
                if (block.Kind is OperationKind.ParameterInitializer or OperationKind.None)
                {
                    continue;
                }

                visit(new CallbackRoot(block, kind, rootFlags, name, FunctionSyntax.EnclosingFunction(block.Syntax), reportAt: null), context.ReportDiagnostic, context.CancellationToken);
            }
        }

        private static void VisitDelegate(OperationAnalysisContext context, ReclaimAnalysis analysis, Action<CallbackRoot, Action<Diagnostic>, System.Threading.CancellationToken> visit)
        {
            IOperation target = ((IDelegateCreationOperation)context.Operation).Target;
            if (target is not (IAnonymousFunctionOperation or IMethodReferenceOperation) ||
                DelegateUsage.Classify(target, out CallbackKind kind, out IMethodSymbol? receiver) != DelegateRole.CallbackRoot)
            {
                return;
            }

            if (target is IAnonymousFunctionOperation lambda)
            {
                string name = "lambda passed to " + (receiver is null ? "a callback parameter" : DisplayNames.Member(receiver));
                visit(new CallbackRoot(lambda, kind, ScopeFlags.None, name, lambda.Syntax, reportAt: null), context.ReportDiagnostic, context.CancellationToken);
                return;
            }

            // A method group: its body is checked as the callback it becomes, unless it is a callback
            // of at least this kind in its own right (then its own body is checked, and reported, there).
            IMethodSymbol method = ((IMethodReferenceOperation)target).Method;
            if (analysis.Callbacks.KindOf(method) >= kind ||
                MethodBodies.Find(method, analysis.Compilation, context.CancellationToken) is not { } body)
            {
                return;
            }

            visit(new CallbackRoot(body, kind, analysis.RootFlags(method), DisplayNames.Member(method), functionSyntax: null, target.Syntax.GetLocation()), context.ReportDiagnostic, context.CancellationToken);
        }
    }
}
