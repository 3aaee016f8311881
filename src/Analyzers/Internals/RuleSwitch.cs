using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// Whether a rule is switched off (severity <c>none</c>) for a syntax tree, so an analyzer that serves
    /// several rules can skip the work of one nobody will see: the driver drops a disabled rule's
    /// diagnostics, but runs the analyzer while any of its rules is on. Only explicit settings of the
    /// rule's ID count (<c>dotnet_diagnostic.ID.severity</c> in .editorconfig or a global config, a
    /// ruleset, <c>/nowarn</c>), and only when every one of them says <c>none</c>. In a config file,
    /// <c>default</c> is a setting that turns the rule back on (a file section's <c>default</c> beats a
    /// global <c>none</c>); in the compilation options it sets nothing (test hosts and
    /// <c>/warnaserror-</c> put it there).
    /// Anything else (category or bulk settings, settings that disagree) leaves the rule on: a wrong
    /// guess costs time, never a diagnostic.
    /// </summary>
    internal sealed class RuleSwitch
    {
        private readonly string _id;
        private readonly CompilationOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _offIn = new();

        internal RuleSwitch(Compilation compilation, string id)
        {
            _id = id;
            _options = compilation.Options;
        }

        internal bool IsOff(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (!_offIn.TryGetValue(tree, out bool off))
            {
                off = _offIn.GetOrAdd(tree, Compute(tree, cancellationToken));
            }

            return off;
        }

        private bool Compute(SyntaxTree tree, CancellationToken cancellationToken)
        {
            bool named = false;
            foreach (ReportDiagnostic setting in Settings(tree, cancellationToken))
            {
                if (setting != ReportDiagnostic.Suppress)
                {
                    return false;
                }

                named = true;
            }

            return named;
        }

        /// <summary>Every explicit setting of the rule for <paramref name="tree"/>: options, file section, global config.</summary>
        private IEnumerable<ReportDiagnostic> Settings(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (_options.SpecificDiagnosticOptions.TryGetValue(_id, out ReportDiagnostic specific) && specific != ReportDiagnostic.Default)
            {
                yield return specific;
            }

            if (_options.SyntaxTreeOptionsProvider is not { } provider)
            {
                yield break;
            }

            if (provider.TryGetDiagnosticValue(tree, _id, cancellationToken, out ReportDiagnostic local))
            {
                yield return local;
            }

            if (provider.TryGetGlobalDiagnosticValue(_id, cancellationToken, out ReportDiagnostic global))
            {
                yield return global;
            }
        }
    }
}
