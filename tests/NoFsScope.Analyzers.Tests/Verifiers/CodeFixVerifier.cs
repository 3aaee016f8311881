using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace NoFsScope.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs an analyzer and its code fix. The testing library compiles the fixed source and checks
/// that no diagnostic (compiler or analyzer) remains beyond the expected ones, for the single fix
/// and for Fix All in document, project and solution scope.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync();
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

        public Test()
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Memalloc.NoFsScope).Assembly.Location));
            FixedState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Memalloc.NoFsScope).Assembly.Location));
            BatchFixedState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Memalloc.NoFsScope).Assembly.Location));
        }
    }
}
