using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>Names for locals the fixes introduce.</summary>
    internal static class LocalNames
    {
        /// <summary>
        /// <paramref name="preferred"/>, or the first of preferred1, preferred2… that no identifier in
        /// <paramref name="region"/>, no symbol visible at its start and none of <paramref name="alsoTaken"/> already uses.
        /// </summary>
        internal static string Unique(SyntaxNode region, SemanticModel model, string preferred, IEnumerable<string>? alsoTaken = null)
        {
            var taken = new HashSet<string>(region.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            if (alsoTaken is not null)
            {
                taken.UnionWith(alsoTaken);
            }

            foreach (ISymbol symbol in model.LookupSymbols(region.SpanStart))
            {
                taken.Add(symbol.Name);
            }

            string name = preferred;
            for (int i = 1; taken.Contains(name); i++)
            {
                name = preferred + i.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
