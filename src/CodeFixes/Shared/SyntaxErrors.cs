using System.Linq;
using Microsoft.CodeAnalysis;

namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>
    /// Code being typed: a member whose own syntax has errors (a cut-off parameter list, a missing brace), or
    /// whose preceding sibling has them, is not rewritten: the parser's recovery decides what the members
    /// span (a broken parameter list can swallow the next member's attributes), and a fix applied to that
    /// guess can make the file worse. The fix is offered again once the code parses.
    /// </summary>
    internal static class SyntaxErrors
    {
        internal static bool Around(SyntaxNode member)
        {
            if (HasErrors(member))
            {
                return true;
            }

            SyntaxNode? previous = member.Parent?.ChildNodes().TakeWhile(n => n != member).LastOrDefault();
            return previous is not null && HasErrors(previous);
        }

        private static bool HasErrors(SyntaxNode node) =>
            node.ContainsDiagnostics && node.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
    }
}
