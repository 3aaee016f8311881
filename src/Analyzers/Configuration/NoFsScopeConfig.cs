using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NoFsScope.Analyzers.Configuration
{
    /// <summary>
    /// The merged content of every <c>NoFsScope.txt</c> and <c>NoFsScope.&lt;anything&gt;.txt</c>
    /// AdditionalFiles entry of a project, read in path order so results are deterministic.
    /// Lines are blank, <c>#</c> comments, or <c>&lt;writeback|io|allocator&gt; &lt;doc-id&gt;</c>.
    /// </summary>
    internal sealed class NoFsScopeConfig
    {
        internal static readonly NoFsScopeConfig Empty = new(ImmutableArray<ConfigEntry>.Empty, ImmutableArray<ConfigError>.Empty);

        private NoFsScopeConfig(ImmutableArray<ConfigEntry> entries, ImmutableArray<ConfigError> errors)
        {
            Entries = entries;
            Errors = errors;
            _memberNames = new HashSet<string>(entries.Where(e => !e.IsType).Select(e => e.MemberName), StringComparer.Ordinal);
            _typeEntries = entries.Any(e => e.IsType);
        }

        private readonly HashSet<string> _memberNames;
        private readonly bool _typeEntries;

        /// <summary>
        /// A cheap filter before any documentation ID is built: only a method whose name some
        /// <c>M:</c> entry mentions (or any method, when a <c>T:</c> entry exists) can match.
        /// </summary>
        internal bool MayList(string methodName) => _typeEntries || _memberNames.Contains(methodName);

        internal ImmutableArray<ConfigEntry> Entries { get; }

        internal ImmutableArray<ConfigError> Errors { get; }

        internal static bool IsConfigFile(string path)
        {
            string name = Path.GetFileName(path);
            return name.StartsWith("NoFsScope.", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
        }

        internal static NoFsScopeConfig Read(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
        {
            List<AdditionalText>? files = null;
            foreach (AdditionalText file in additionalFiles)
            {
                if (IsConfigFile(file.Path))
                {
                    (files ??= new List<AdditionalText>()).Add(file);
                }
            }

            if (files is null)
            {
                return Empty;
            }

            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            var entries = ImmutableArray.CreateBuilder<ConfigEntry>();
            var errors = ImmutableArray.CreateBuilder<ConfigError>();
            foreach (AdditionalText file in files)
            {
                SourceText? text = file.GetText(cancellationToken);
                if (text is not null)
                {
                    Parse(file.Path, text, entries, errors);
                }
            }

            return new NoFsScopeConfig(entries.ToImmutable(), errors.ToImmutable());
        }

        internal bool Matches(ConfigEntryKind kind, string methodId, string containingTypeId)
        {
            foreach (ConfigEntry entry in Entries)
            {
                if (entry.Kind == kind && entry.Matches(methodId, containingTypeId))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Parse(string path, SourceText text, ImmutableArray<ConfigEntry>.Builder entries, ImmutableArray<ConfigError>.Builder errors)
        {
            foreach (TextLine line in text.Lines)
            {
                string content = line.ToString().Trim();
                if (content.Length == 0 || content[0] == '#')
                {
                    continue;
                }

                string? reason = ConfigLineGrammar.TryParse(content, out ConfigEntry? entry);
                if (entry is not null)
                {
                    entries.Add(entry);
                    continue;
                }

                TextSpan span = line.Span;
                Location location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                errors.Add(new ConfigError(location, line.LineNumber + 1, reason ?? "it is not understood"));
            }
        }
    }
}
