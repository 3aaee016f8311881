using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Creates the diagnostics of the scope rules with the properties their code fixes read: which
    /// scope satisfies the callback, and where the callback's function starts.
    /// </summary>
    internal static class ScopeDiagnostics
    {
        /// <summary>Property: the scope type that satisfies the callback, <c>NoFsScope</c> or <c>NoIoScope</c>.</summary>
        internal const string ScopeTypeProperty = "ScopeType";

        /// <summary>Property: the start of the callback's function syntax; absent when the finding is not at the diagnostic's location (no fix applies there).</summary>
        internal const string CallbackStartProperty = "CallbackStart";

        internal static Diagnostic Create(DiagnosticDescriptor descriptor, CallbackRoot root, Location finding, IEnumerable<Location>? additional, params object[] messageArguments) =>
            Create(descriptor, root, finding, additional, ImmutableDictionary<string, string?>.Empty, messageArguments);

        /// <summary>As above, with rule-specific properties added to the scope-fix ones.</summary>
        internal static Diagnostic Create(DiagnosticDescriptor descriptor, CallbackRoot root, Location finding, IEnumerable<Location>? additional, ImmutableDictionary<string, string?> extraProperties, params object[] messageArguments)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.AddRange(extraProperties);
            properties.Add(ScopeTypeProperty, root.Kind == CallbackKind.Io ? MemallocNames.NoIoScope : MemallocNames.NoFsScope);
            Location location = finding;
            var locations = new List<Location>();
            if (root.ReportAt is { } reportAt)
            {
                location = reportAt;
                locations.Add(finding);
            }
            else if (root.FunctionSyntax is { } function)
            {
                properties.Add(CallbackStartProperty, function.SpanStart.ToString(CultureInfo.InvariantCulture));
            }

            if (additional is not null)
            {
                locations.AddRange(additional);
            }

            return Diagnostic.Create(descriptor, location, locations, properties.ToImmutable(), messageArguments);
        }
    }
}
