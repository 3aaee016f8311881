using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;
using NoFsScope.Analyzers.Configuration;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>Matches methods against NoFsScope.txt entries by documentation comment ID, computing each ID once per compilation.</summary>
    internal sealed class DocumentationIds
    {
        private readonly NoFsScopeConfig _config;
        private readonly ConcurrentDictionary<IMethodSymbol, (string Method, string Type)> _ids = SymbolCache.Create<IMethodSymbol, (string Method, string Type)>();

        internal DocumentationIds(NoFsScopeConfig config) => _config = config;

        internal bool IsListed(IMethodSymbol method, ConfigEntryKind kind)
        {
            if (_config.Entries.IsEmpty || !_config.MayList(method.MetadataName))
            {
                return false;
            }

            (string methodId, string typeId) = _ids.GetOrAdd(method.OriginalDefinition, static m => (
                MethodId(m),
                m.ContainingType is null ? string.Empty : DocumentationCommentId.CreateDeclarationId(m.ContainingType) ?? string.Empty));
            return _config.Matches(kind, methodId, typeId);
        }

        /// <summary>
        /// The method's documentation comment ID as users write it. Roslyn appends <c>~ReturnType</c>
        /// to some method IDs; the ID format only needs it for conversion operators, so it is dropped
        /// for every other method.
        /// </summary>
        private static string MethodId(IMethodSymbol method)
        {
            string id = DocumentationCommentId.CreateDeclarationId(method) ?? string.Empty;
            int tilde = id.IndexOf('~');
            return tilde < 0 || method.MethodKind == MethodKind.Conversion ? id : id.Substring(0, tilde);
        }
    }
}
