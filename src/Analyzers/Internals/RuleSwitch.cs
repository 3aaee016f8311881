using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// Whether a rule is switched off (severity <c>none</c>) for a syntax tree, so an analyzer that serves
    /// several rules can skip the work of one nobody will see: the driver drops a disabled rule's
    /// diagnostics, but runs the analyzer while any of its rules is on. Only explicit settings of the
    /// rule's ID count (<c>dotnet_diagnostic.ID.severity</c> in .editorconfig or a global config, a
    /// ruleset, <c>/nowarn</c>; <c>default</c> sets nothing), and only when every one of them that sets
    /// the rule says <c>none</c>.
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
            // ReportDiagnostic.Default names the rule without setting it (test hosts add it for every rule).
            bool named = false;
            if (_options.SpecificDiagnosticOptions.TryGetValue(_id, out ReportDiagnostic specific) && specific != ReportDiagnostic.Default)
            {
                if (specific != ReportDiagnostic.Suppress)
                {
                    return false;
                }

                named = true;
            }

            if (_options.SyntaxTreeOptionsProvider is { } provider)
            {
                if (provider.TryGetDiagnosticValue(tree, _id, cancellationToken, out ReportDiagnostic local) && local != ReportDiagnostic.Default)
                {
                    if (local != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    named = true;
                }

                if (provider.TryGetGlobalDiagnosticValue(_id, cancellationToken, out ReportDiagnostic global) && global != ReportDiagnostic.Default)
                {
                    if (global != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    named = true;
                }
            }

            return named;
        }
    }
}
