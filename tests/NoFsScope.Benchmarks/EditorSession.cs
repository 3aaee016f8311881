using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace NoFsScope.Benchmarks;

/// <summary>
/// The editor path on the generated engine: the user types into the writeback callback
/// (<c>WritePages</c>) of a subsystem file; the IDE reparses that one document incrementally, makes
/// the next compilation by replacing its tree (the other trees and their declarations are reused)
/// and asks every analyzer for the semantic diagnostics of that document alone
/// (<c>GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null)</c>). Each edit is a fresh
/// compilation, so nothing bound for an earlier edit is reused, as in the IDE.
/// </summary>
public sealed class EditorSession
{
    /// <summary>The subsystem files typed into in turn; all exist from 40 subsystems (~50,000 lines) up.</summary>
    public static readonly int[] EditedSubsystems = { 5, 15, 25, 35 };

    private const string Callback = "public override int WritePages(WritebackControl wbc, Pool pool)";

    private readonly CSharpCompilation _base;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly CompilationWithAnalyzersOptions _options;
    private readonly SyntaxTree[] _documents;
    private int _edits;

    /// <param name="analyzers">Every NoFsScope analyzer when not given.</param>
    public EditorSession(LargeCompilation workload, ImmutableArray<DiagnosticAnalyzer>? analyzers = null)
    {
        Workload = workload;
        _analyzers = analyzers ?? LargeCompilation.AllAnalyzers();
        _base = workload.Create();
        _options = workload.AnalyzerRunOptions(logExecutionTime: false);
        _documents = EditedSubsystems
            .Select(i => workload.Trees.Single(t => t.FilePath.EndsWith(FormattableString.Invariant($"/Subsystem{i:D3}.cs"), StringComparison.Ordinal)))
            .ToArray();

        // The editor's compilation before the first keystroke already has its declarations.
        _ = _base.GetDeclarationDiagnostics();
    }

    public LargeCompilation Workload { get; }

    /// <summary>One keystroke batch in the next edited document, then the analyzers' diagnostics for that document.</summary>
    public int AnalyzeNextEdit() => Analyze(NextEdit()).Length;

    /// <summary>The same edit, the compiler's own semantic diagnostics for the document (what its squiggles cost).</summary>
    public int CompileNextEdit()
    {
        var (compilation, tree) = NextEdit();
        return compilation.GetSemanticModel(tree).GetDiagnostics().Length;
    }

    /// <summary>Wall-clock milliseconds of <paramref name="runs"/> edits analyzed, one per element.</summary>
    public List<double> Time(int runs, Func<int> edit)
    {
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(edit());
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    /// <summary>
    /// <paramref name="runs"/> edits, each with its wall clock, the process's CPU time, the bytes the process
    /// allocated and the time the GC paused it (on every thread) meanwhile.
    /// </summary>
    public List<EditCost> Measure(int runs, Func<int> edit)
    {
        var costs = new List<EditCost>(runs);
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            process.Refresh();
            TimeSpan cpu = process.TotalProcessorTime;
            TimeSpan paused = GC.GetTotalPauseDuration();
            long allocated = GC.GetTotalAllocatedBytes(precise: false);
            long start = Stopwatch.GetTimestamp();
            GC.KeepAlive(edit());
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            costs.Add(new EditCost(
                wall,
                (process.TotalProcessorTime - cpu).TotalMilliseconds,
                (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1e6,
                (GC.GetTotalPauseDuration() - paused).TotalMilliseconds));
        }

        return costs;
    }

    /// <summary>The analyzer diagnostics of the edited document; throws when an analyzer threw (AD0001).</summary>
    public ImmutableArray<Diagnostic> Analyze((CSharpCompilation Compilation, SyntaxTree Tree) edit)
    {
        ImmutableArray<Diagnostic> diagnostics = edit.Compilation
            .WithAnalyzers(_analyzers, _options)
            .GetAnalyzerSemanticDiagnosticsAsync(edit.Compilation.GetSemanticModel(edit.Tree), filterSpan: null, CancellationToken.None)
            .GetAwaiter()
            .GetResult();
        Diagnostic? failure = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
        return failure is null ? diagnostics : throw new InvalidOperationException(failure.ToString());
    }

    /// <summary>A statement typed at the top of the callback of the next document (alternating text, so every edit changes it).</summary>
    public (CSharpCompilation Compilation, SyntaxTree Tree) NextEdit()
    {
        int edit = _edits++;
        SyntaxTree tree = _documents[edit % _documents.Length];
        SourceText text = tree.GetText();
        int at = text.ToString().IndexOf(Callback, StringComparison.Ordinal);
        at = text.ToString().IndexOf('{', at) + 1;
        string typed = FormattableString.Invariant($" var typed{edit % 2} = wbc.NrToWrite + {edit};");
        SyntaxTree edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), typed)));
        return (_base.ReplaceSyntaxTree(tree, edited), edited);
    }
}

/// <summary>What one edit cost: wall clock, the process's CPU, allocation and GC pauses meanwhile.</summary>
public readonly record struct EditCost(double WallMs, double CpuMs, double AllocatedMb, double GcPauseMs);
