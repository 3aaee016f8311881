using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace NoFsScope.Analyzers.Tests;

/// <summary>The NoFsScope diagnostics in the console output of <c>dotnet build</c>, and where a source expects them.</summary>
internal static partial class BuildDiagnostics
{
    /// <summary>
    /// Every distinct NOFS diagnostic line as <c>File.cs(line,col): severity ID</c>, with the file
    /// name only (MSBuild prints some lines twice, and the folder is a temporary one).
    /// </summary>
    public static SortedSet<string> Parse(string output) =>
        new(
            DiagnosticLine().Matches(output).Select(m =>
                $"{Path.GetFileName(m.Groups["file"].Value)}({m.Groups["pos"].Value}): {m.Groups["severity"].Value} {m.Groups["id"].Value}"),
            StringComparer.Ordinal);

    /// <summary>The 1-based (line, column) of every occurrence of <paramref name="marker"/> in <paramref name="source"/>.</summary>
    public static IEnumerable<(int Line, int Column)> PositionsOf(string source, string marker)
    {
        string[] lines = source.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            for (int at = lines[i].IndexOf(marker, StringComparison.Ordinal); at >= 0; at = lines[i].IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                yield return (i + 1, at + 1);
            }
        }
    }

    /// <summary>The lines <see cref="Parse"/> would give for a diagnostic at every occurrence of <paramref name="marker"/>.</summary>
    public static SortedSet<string> Expected(string file, string source, string marker, string severityAndId) =>
        new(PositionsOf(source, marker).Select(p => $"{file}({p.Line},{p.Column}): {severityAndId}"), StringComparer.Ordinal);

    [GeneratedRegex(@"(?<file>[^\s:]+\.(cs|txt))\((?<pos>\d+,\d+)\): (?<severity>error|warning) (?<id>NOFS\d{3})")]
    private static partial Regex DiagnosticLine();
}
