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
    /// NOFS014: a scope (<c>using (NoFsScope.Enter())</c> or <c>using var s = NoFsScope.Enter();</c>)
    /// whose region holds no call, no object creation and no accessor — nothing that can allocate.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS014EmptyScopeAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Descriptors.NOFS014);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                operation => AnalyzerGuard.Run(operation, operation.Operation.Syntax, Analyze),
                OperationKind.Using,
                OperationKind.UsingDeclaration);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            switch (context.Operation)
            {
                case IUsingOperation @using when Creation(@using.Resources) is { } creation:
                    if (!CanAllocate(@using.Body))
                    {
                        Report(context, creation);
                    }

                    break;

                case IUsingDeclarationOperation declaration when Creation(declaration.DeclarationGroup) is { } creation:
                    // The region runs to the end of the enclosing statement list.
                    ImmutableArray<IOperation> statements = declaration.Parent switch
                    {
                        IBlockOperation block => block.Operations,
                        ISwitchCaseOperation section => section.Body,
                        _ => ImmutableArray<IOperation>.Empty,
                    };
                    int index = statements.IndexOf(declaration);
                    bool allocates = index < 0;
                    for (int i = index + 1; i < statements.Length && !allocates; i++)
                    {
                        allocates = CanAllocate(statements[i]);
                    }

                    if (!allocates)
                    {
                        Report(context, creation);
                    }

                    break;
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation creation) =>
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.Descriptors.NOFS014,
                creation.Syntax.GetLocation(),
                ScopeRecognition.ScopeTypeCreated(creation)));

        /// <summary>The scope-creating expression among the resources, if any.</summary>
        private static IOperation? Creation(IOperation? resources)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (IVariableDeclarationOperation declaration in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                    {
                        if (declarator.GetVariableInitializer()?.Value is { } value && ScopeRecognition.ScopeTypeCreated(value) is not null)
                        {
                            return value;
                        }
                    }
                }

                return null;
            }

            return ScopeRecognition.ScopeTypeCreated(resources) is null ? null : resources;
        }

        /// <summary>Whether anything in <paramref name="region"/> calls a method (any call may allocate), or allocates an array.</summary>
        private static bool CanAllocate(IOperation region)
        {
            var sites = new List<CallSite>();
            foreach (IOperation operation in region.DescendantsAndSelf())
            {
                if (operation is IArrayCreationOperation or IDelegateCreationOperation or IAnonymousObjectCreationOperation or IDynamicInvocationOperation or IDynamicObjectCreationOperation)
                {
                    return true;
                }

                CallSites.Collect(operation, sites);
                if (sites.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
