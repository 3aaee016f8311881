using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Records a weak reference to each compilation the analyzer driver hands to analyzers. That is not
/// the object the caller created: CompilationWithAnalyzers analyzes its own copy, and that copy is
/// the one the analyzers' per-compilation caches are keyed by. Made with <c>leak: true</c>, it is
/// also the broken analyzer the lifetime test must catch: it keeps every compilation in a static list.
/// </summary>
#pragma warning disable RS1001 // never registered with a compiler, only handed to CompilationWithAnalyzers
internal sealed class CompilationObserver : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly List<WeakReference> _seen = new();
    private readonly bool _leak;

    public CompilationObserver(bool leak = false) => _leak = leak;

    /// <summary>What observers made with <c>leak: true</c> keep alive; the test that makes one clears it.</summary>
    public static List<Compilation> Leaked { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => TestDescriptors.Supported;

    public IReadOnlyList<WeakReference> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToArray();
            }
        }
    }

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(end =>
        {
            lock (_seen)
            {
                _seen.Add(new WeakReference(end.Compilation));
            }

            if (_leak)
            {
                lock (Leaked)
                {
                    Leaked.Add(end.Compilation);
                }
            }
        });
    }
}
