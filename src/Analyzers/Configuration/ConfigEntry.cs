using System;

namespace NoFsScope.Analyzers.Configuration
{
    /// <summary>One understood line of NoFsScope.txt.</summary>
    internal sealed class ConfigEntry
    {
        internal ConfigEntry(ConfigEntryKind kind, string documentationId)
        {
            Kind = kind;
            DocumentationId = documentationId;
        }

        internal ConfigEntryKind Kind { get; }

        /// <summary>A documentation comment ID: <c>M:Ns.Type.Method(System.Int32)</c>, <c>M:Ns.Type.Method</c> or <c>T:Ns.Type</c>.</summary>
        internal string DocumentationId { get; }

        internal bool IsType => DocumentationId.StartsWith("T:", StringComparison.Ordinal);

        /// <summary>The simple member name of an <c>M:</c> entry (<c>WritePage</c> for <c>M:Ns.Aops.WritePage(System.Int32)</c>; <c>.ctor</c> for <c>#ctor</c>).</summary>
        internal string MemberName
        {
            get
            {
                string id = DocumentationId;
                int end = id.IndexOf('(');
                string qualified = end < 0 ? id : id.Substring(0, end);
                int generic = qualified.IndexOf("``", StringComparison.Ordinal);
                if (generic >= 0)
                {
                    qualified = qualified.Substring(0, generic);
                }

                string name = qualified.Substring(qualified.LastIndexOf('.') + 1);
                return name.Replace('#', '.');
            }
        }

        /// <summary>
        /// Whether this entry names <paramref name="methodId"/> (the declaration ID of a method's
        /// original definition) or, for a <c>T:</c> entry, the type <paramref name="containingTypeId"/>.
        /// An ID without a parameter list names every overload.
        /// </summary>
        internal bool Matches(string methodId, string containingTypeId)
        {
            string id = DocumentationId;
            if (IsType)
            {
                return string.Equals(id, containingTypeId, StringComparison.Ordinal);
            }

            if (!methodId.StartsWith(id, StringComparison.Ordinal))
            {
                return false;
            }

            if (methodId.Length == id.Length)
            {
                return true;
            }

            // "M:Ns.T.Write" names "M:Ns.T.Write(System.Int32)" and "M:Ns.T.Write``1(``0)", not "M:Ns.T.WriteAll".
            return id.IndexOf('(') < 0 && (methodId[id.Length] == '(' || methodId[id.Length] == '`');
        }
    }
}
