using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// No per-compilation cache outlives its compilation: after every analyzer has run over a compilation
/// (whole and per document, with the per-compilation caches of NOFS002/NOFS003 filled) and the
/// compilation is dropped, the garbage collector can take it, although the analyzer instances live on
/// (an IDE keeps them for the whole session).
/// </summary>
public sealed class CompilationLifetimeTests
{
    [Fact]
    public async Task An_analyzed_compilation_is_collected()
    {
        FuzzProject project = (await SampleProjects.AllAsync()).Single(p => p.Name == "samples/Violations");
        var observer = new CompilationObserver();
        WeakReference compilation = await AnalyzeAndDropAsync(project, AnalyzerHarness.AllAnalyzers.Add(observer));
        Assert.NotEmpty(observer.Seen);
        Assert.False(IsAliveAfterCollections(compilation), "the compilation analyzed by the NoFsScope analyzers is still reachable after it was dropped");
        Assert.All(observer.Seen, analyzed => Assert.False(IsAliveAfterCollections(analyzed), "the driver's copy of the compilation, which the analyzers saw, is still reachable"));
    }

    [Fact]
    public async Task The_lifetime_check_catches_an_analyzer_that_keeps_compilations()
    {
        // Guards the test above: the same check with an analyzer that stores compilations in a static.
        FuzzProject project = (await SampleProjects.AllAsync()).Single(p => p.Name == "samples/Violations");
        try
        {
            var observer = new CompilationObserver(leak: true);
            await AnalyzeAndDropAsync(project, AnalyzerHarness.AllAnalyzers.Add(observer));
            Assert.NotEmpty(observer.Seen);
            Assert.Contains(observer.Seen, IsAliveAfterCollections);
        }
        finally
        {
            lock (CompilationObserver.Leaked)
            {
                CompilationObserver.Leaked.Clear();
            }
        }
    }

    /// <summary>Builds a compilation of the project's intact trees, analyzes it, and returns only a weak reference to it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> AnalyzeAndDropAsync(FuzzProject project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Compilation compilation = CSharpCompilation.Create(project.AssemblyName, project.Documents.Select(d => d.Tree), project.References, project.CompilationOptions);
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> whole = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        SyntaxTree tree = compilation.SyntaxTrees.First();
        ImmutableArray<Diagnostic> editor = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None);
        Assert.NotEmpty(whole);
        Assert.DoesNotContain(whole.Concat(editor), d => d.Id == "AD0001");
        return new WeakReference(compilation);
    }

    private static bool IsAliveAfterCollections(WeakReference reference)
    {
        for (int i = 0; i < 10 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        return reference.IsAlive;
    }
}
