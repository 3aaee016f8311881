using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>A broken analyzer for the guard tests: it throws on the first invocation it sees. Never shipped, so no [DiagnosticAnalyzer] and no release tracking.</summary>
#pragma warning disable RS1001 // never registered with a compiler, only handed to CompilationWithAnalyzers
internal sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => TestDescriptors.Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("ThrowingAnalyzer was here"), SyntaxKind.InvocationExpression);
    }
}
#pragma warning restore RS1001
