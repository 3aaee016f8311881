using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Configuration;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Rules.Configuration
{
    /// <summary>NOFS900: a line of NoFsScope.txt that is ignored, reported at that line.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NOFS900ConfigurationAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.Descriptors.NOFS900);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(AnalysisContextExtensions.GeneratedCode);
            context.EnableConcurrentExecution();
            context.RegisterAdditionalFileAction(file =>
            {
                if (!NoFsScopeConfig.IsConfigFile(file.AdditionalFile.Path))
                {
                    return;
                }

                NoFsScopeConfig config = NoFsScopeConfig.Read(ImmutableArray.Create(file.AdditionalFile), file.CancellationToken);
                foreach (ConfigError error in config.Errors)
                {
                    file.ReportDiagnostic(Diagnostic.Create(Descriptors.Descriptors.NOFS900, error.Location, error.LineNumber, error.Reason));
                }
            });
        }
    }
}
