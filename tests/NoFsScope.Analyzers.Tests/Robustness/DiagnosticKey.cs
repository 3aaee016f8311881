using System.Linq;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>Everything that makes two diagnostics the same to a user: ID, location, message and additional locations, as one comparable string.</summary>
internal static class DiagnosticKey
{
    public static string Of(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {Where(diagnostic.Location)} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{string.Join("; ", diagnostic.AdditionalLocations.Select(Where))}]";

    private static string Where(Location location) =>
        location.IsInSource ? $"{location.SourceTree!.FilePath}@{location.SourceSpan}" : location.Kind.ToString();
}
