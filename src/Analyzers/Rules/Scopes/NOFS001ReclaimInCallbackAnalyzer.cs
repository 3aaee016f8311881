using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Descriptors;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Scopes
{
    /// <summary>
    /// NOFS001: a reclaim-capable allocation made directly in a writeback (or I/O) callback, outside
    /// a scope that forbids recursing into the filesystem (or into I/O). Callbacks are methods, their
    /// overrides and implementations, and lambdas or method groups passed to callback parameters.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS001ReclaimInCallbackAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the scope type that satisfies the callback, <c>NoFsScope</c> or <c>NoIoScope</c>.</summary>
        internal const string ScopeTypeProperty = "ScopeType";

        /// <summary>Property: the start position of the callback's function syntax (absent when the allocation is not at the diagnostic's location).</summary>
        internal const string CallbackStartProperty = "CallbackStart";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.NOFS001Writeback, Descriptors.Descriptors.NOFS001Io);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                ReclaimAnalysis analysis = ReclaimAnalysis.Create(start.Compilation, start.Options, start.CancellationToken);
                start.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block, block.OperationBlocks.FirstOrDefault()?.Syntax, b => AnalyzeMethod(b, analysis)));
                start.RegisterOperationAction(
                    operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, o => AnalyzeDelegate(o, analysis)),
                    OperationKind.DelegateCreation);
            });
        }

        private static void AnalyzeMethod(OperationBlockAnalysisContext context, ReclaimAnalysis analysis)
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
            string callback = DisplayNames.Member(method);
            foreach (IOperation block in context.OperationBlocks)
            {
                // Bodies, and a constructor's initializer (`: base(...)`); not parameter defaults.
                if (block.Kind is OperationKind.ParameterInitializer or OperationKind.None)
                {
                    continue;
                }

                foreach (Allocation allocation in analysis.FindUnscopedAllocations(block, kind, rootFlags, context.CancellationToken))
                {
                    context.ReportDiagnostic(Create(kind, allocation.Operation.Syntax.GetLocation(), allocation, callback, block.Syntax, additional: null));
                }
            }
        }

        private static void AnalyzeDelegate(OperationAnalysisContext context, ReclaimAnalysis analysis)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            IOperation target = creation.Target;
            if (target is not (IAnonymousFunctionOperation or IMethodReferenceOperation) ||
                DelegateUsage.Classify(target, analysis.Known, out CallbackKind kind, out IMethodSymbol? receiver) != DelegateRole.CallbackRoot)
            {
                return;
            }

            string receiverName = receiver is null ? "a callback parameter" : DisplayNames.Member(receiver);
            if (target is IAnonymousFunctionOperation lambda)
            {
                string callback = "lambda passed to " + receiverName;
                foreach (Allocation allocation in analysis.FindUnscopedAllocations(lambda, kind, ScopeFlags.None, context.CancellationToken))
                {
                    context.ReportDiagnostic(Create(kind, allocation.Operation.Syntax.GetLocation(), allocation, callback, lambda.Syntax, additional: null));
                }

                return;
            }

            // A method group: its body is analyzed here, as the callback it becomes, unless it is a
            // callback of at least this kind in its own right (then its own analysis reports).
            IMethodSymbol method = ((IMethodReferenceOperation)target).Method;
            if (analysis.Callbacks.KindOf(method) >= kind)
            {
                return;
            }

            IOperation? body = MethodBodies.Find(method, analysis.Compilation, context.CancellationToken);
            if (body is null)
            {
                return;
            }

            string name = DisplayNames.Member(method);
            foreach (Allocation allocation in analysis.FindUnscopedAllocations(body, kind, analysis.RootFlags(method), context.CancellationToken))
            {
                context.ReportDiagnostic(Create(kind, target.Syntax.GetLocation(), allocation, name, callbackSyntax: null, allocation.Operation.Syntax.GetLocation()));
            }
        }

        private static Diagnostic Create(CallbackKind kind, Location location, Allocation allocation, string callback, SyntaxNode? callbackSyntax, Location? additional)
        {
            DiagnosticDescriptor descriptor = kind == CallbackKind.Io ? Descriptors.Descriptors.NOFS001Io : Descriptors.Descriptors.NOFS001Writeback;
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(ScopeTypeProperty, kind == CallbackKind.Io ? MemallocNames.NoIoScope : MemallocNames.NoFsScope);
            if (FunctionSyntax.EnclosingFunction(callbackSyntax) is { } function)
            {
                properties.Add(CallbackStartProperty, function.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return Diagnostic.Create(
                descriptor,
                location,
                additional is null ? null : new[] { additional },
                properties.ToImmutable(),
                DisplayNames.Call(allocation.Target),
                callback);
        }
    }
}
