using System;

namespace NoFsScope.Analyzers.Configuration
{
    /// <summary>
    /// The grammar of one non-blank, non-comment line: <c>&lt;keyword&gt; &lt;doc-id&gt;</c>.
    /// Every way a line can be wrong gets its own reason, because an entry that silently never
    /// matches is worse than an error.
    /// </summary>
    internal static class ConfigLineGrammar
    {
        /// <summary>Returns null and sets <paramref name="entry"/>, or returns why the line is ignored.</summary>
        internal static string? TryParse(string line, out ConfigEntry? entry)
        {
            entry = null;
            int space = IndexOfWhitespace(line);
            if (space < 0)
            {
                return $"expected '<writeback|io|allocator> <documentation-comment-id>', found only '{line}'";
            }

            string keyword = line.Substring(0, space);
            string id = line.Substring(space).Trim();
            ConfigEntryKind kind;
            switch (keyword)
            {
                case "writeback":
                    kind = ConfigEntryKind.Writeback;
                    break;
                case "io":
                    kind = ConfigEntryKind.Io;
                    break;
                case "allocator":
                    kind = ConfigEntryKind.Allocator;
                    break;
                default:
                    return $"unknown keyword '{keyword}'; use 'writeback', 'io' or 'allocator'";
            }

            string? idError = CheckDocumentationId(id, allowType: kind == ConfigEntryKind.Allocator);
            if (idError is not null)
            {
                return idError;
            }

            entry = new ConfigEntry(kind, id);
            return null;
        }

        private static string? CheckDocumentationId(string id, bool allowType)
        {
            if (IndexOfWhitespace(id) >= 0)
            {
                return $"'{id}' contains whitespace; documentation comment IDs have none (write 'M:N.T.M(System.Int32,System.String)')";
            }

            bool isMethod = id.StartsWith("M:", StringComparison.Ordinal);
            bool isType = id.StartsWith("T:", StringComparison.Ordinal);
            if (!isMethod && !(isType && allowType))
            {
                return allowType
                    ? $"'{id}' is not a method ('M:') or type ('T:') documentation comment ID"
                    : $"'{id}' is not a method documentation comment ID (it must start with 'M:')";
            }

            string name = id.Substring(2);
            int open = name.IndexOf('(');
            string qualified = open < 0 ? name : name.Substring(0, open);
            if (qualified.Length == 0 || qualified[0] == '.' || qualified[qualified.Length - 1] == '.' || qualified.Contains(".."))
            {
                return $"'{id}' has an empty name part";
            }

            if (isMethod && qualified.IndexOf('.') < 0)
            {
                return $"'{id}' names no containing type; write 'M:Namespace.Type.Method'";
            }

            if (open >= 0 && (isType || name[name.Length - 1] != ')' || Count(name, '(') != Count(name, ')')))
            {
                return $"'{id}' has an unbalanced or misplaced parameter list";
            }

            return null;
        }

        private static int IndexOfWhitespace(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsWhiteSpace(s[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int Count(string s, char c)
        {
            int n = 0;
            foreach (char x in s)
            {
                if (x == c)
                {
                    n++;
                }
            }

            return n;
        }
    }
}
