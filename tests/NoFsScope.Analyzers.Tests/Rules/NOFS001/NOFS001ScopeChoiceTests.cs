using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NoFsScope.CodeFixes.Shared;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>
/// Which scope the NOFS001 fixes insert, by language version. C# 13 allows a ref struct local in an
/// async method or iterator as long as it does not live across await or yield; the test Roslyn (4.8)
/// cannot compile C# 13, so the choice is checked on parsed syntax carrying that version number.
/// </summary>
public sealed class NOFS001ScopeChoiceTests
{
    private const string Source = """
        class C
        {
            async System.Threading.Tasks.Task M()
            {
                A();
                await System.Threading.Tasks.Task.Yield();
                System.Func<System.Threading.Tasks.Task> f = async () => await System.Threading.Tasks.Task.Yield();
            }

            System.Collections.Generic.IEnumerable<int> I()
            {
                A();
                yield return 1;
                yield break;
            }

            void S() => A();

            static void A() { }
        }
        """;

    [Theory]
    [InlineData(1200, "M", 0, "AsyncNoFsScope")] // C# 12: no ref struct local in an async method at all
    [InlineData(1200, "I", 0, "AsyncNoFsScope")]
    [InlineData(1300, "M", 0, "NoFsScope")] // C# 13: allowed where no await falls inside
    [InlineData(1300, "M", 1, "AsyncNoFsScope")] // the await itself
    [InlineData(1300, "M", 2, "NoFsScope")] // an await in a nested lambda is that lambda's
    [InlineData(1300, "I", 0, "NoFsScope")]
    [InlineData(1300, "I", 1, "AsyncNoFsScope")] // yield return
    [InlineData(1300, "I", 2, "NoFsScope")] // yield break does not suspend
    [InlineData(1200, "S", 0, "NoFsScope")] // synchronous: always the thread scope
    public void Async_scope_when_the_region_suspends_or_the_version_forbids_ref_struct_locals(int version, string method, int statement, string expected)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions((LanguageVersion)version));
        SyntaxNode function = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
        SyntaxNode region = ((MethodDeclarationSyntax)function).Body?.Statements[statement] ?? (SyntaxNode)((MethodDeclarationSyntax)function).ExpressionBody!.Expression;

        Assert.Equal(expected, ScopeChoice.For("NoFsScope", function, new[] { region }));
    }
}
