using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NoFsScope.Benchmarks;

/// <summary>
/// Wraps an analyzer and adds up the CPU time its actions use on the threads that run them.
/// </summary>
/// <remarks>
/// The driver's <see cref="Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo.ExecutionTime"/>
/// is wall-clock time around each action: with concurrent analysis on a machine with few cores (or
/// other work running) it also counts the time the thread was descheduled or waiting on a lock, so
/// its sum can exceed the CPU the analyzer really used. Thread CPU time does not. It includes the
/// Roslyn work an action triggers (binding a body through a semantic model, reporting a diagnostic).
/// Only the registrations the NoFsScope analyzers use are timed through nested start contexts.
/// </remarks>
// A measuring wrapper, never loaded by a compiler: the wrapped analyzer configures generated code
// and concurrency itself, and the wrapper registers exactly what the wrapped analyzer registers.
#pragma warning disable RS1001, RS1012, RS1025, RS1026
public sealed class TimedAnalyzer : DiagnosticAnalyzer
{
    private long _cpuNanoseconds;
    private long _actions;

    public TimedAnalyzer(DiagnosticAnalyzer inner) => Inner = inner;

    public DiagnosticAnalyzer Inner { get; }

    public TimeSpan CpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _cpuNanoseconds) / 100);

    public long Actions => Interlocked.Read(ref _actions);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedContext(context, this));

    private Action<T> Timed<T>(Action<T> action) => argument =>
    {
        long start = ThreadCpu.NowNanoseconds();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref _cpuNanoseconds, ThreadCpu.NowNanoseconds() - start);
            Interlocked.Increment(ref _actions);
        }
    };

    private sealed class TimedContext : AnalysisContext
    {
        private readonly AnalysisContext _inner;
        private readonly TimedAnalyzer _owner;

        public TimedContext(AnalysisContext inner, TimedAnalyzer owner)
        {
            _inner = inner;
            _owner = owner;
        }

        public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            _inner.RegisterCompilationStartAction(_owner.Timed<CompilationStartAnalysisContext>(start => action(new TimedStartContext(start, _owner))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationAction(_owner.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _inner.RegisterSymbolAction(_owner.Timed(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _inner.RegisterSymbolStartAction(_owner.Timed(action), symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(_owner.Timed(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_owner.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_owner.Timed(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_owner.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(_owner.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _inner.RegisterOperationAction(_owner.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(_owner.Timed(action));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_owner.Timed(action));
    }

    private sealed class TimedStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _inner;
        private readonly TimedAnalyzer _owner;

        public TimedStartContext(CompilationStartAnalysisContext inner, TimedAnalyzer owner)
            : base(inner.Compilation, inner.Options, inner.CancellationToken)
        {
            _inner = inner;
            _owner = owner;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(_owner.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_owner.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _inner.RegisterSymbolAction(_owner.Timed(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _inner.RegisterSymbolStartAction(_owner.Timed(action), symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _inner.RegisterCodeBlockStartAction(_owner.Timed(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_owner.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_owner.Timed(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_owner.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => _inner.RegisterSyntaxNodeAction(_owner.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _inner.RegisterOperationAction(_owner.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _inner.RegisterOperationBlockStartAction(_owner.Timed(action));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_owner.Timed(action));
    }
}

#pragma warning restore RS1001, RS1012, RS1025, RS1026

/// <summary>CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID); elsewhere wall-clock time as a fallback.</summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsThreadCpuTime { get; } = OperatingSystem.IsLinux() && Probe();

    public static long NowNanoseconds()
    {
        if (IsThreadCpuTime && clock_gettime(ClockThreadCpuTimeId, out Timespec now) == 0)
        {
            return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static bool Probe()
    {
        try
        {
            return clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
