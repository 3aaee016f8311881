using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// The rule the test-double analyzers declare. The driver skips an analyzer with no enabled rule,
/// so even the ones that never report need one.
/// </summary>
internal static class TestDescriptors
{
#pragma warning disable RS2008 // test doubles, not shipped rules
    public static readonly DiagnosticDescriptor Test = new("TEST001", "Test", "Test", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

    public static ImmutableArray<DiagnosticDescriptor> Supported { get; } = ImmutableArray.Create(Test);
}
