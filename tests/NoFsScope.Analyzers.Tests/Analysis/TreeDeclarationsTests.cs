using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NoFsScope.Analyzers.Analysis;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Analysis;

/// <summary>
/// The per-tree declaration hash decides when facts kept from an earlier compilation may be used: it
/// must stay the same when only member bodies change and change with anything else that can change
/// how other files bind; the numbering of method declarations must survive body edits.
/// </summary>
public sealed class TreeDeclarationsTests
{
    private const string Source = """
        using System;
        namespace Engine;
        public sealed class Journal
        {
            private static readonly int Size = 16;
            public Journal() { Console.WriteLine(); }
            public int Count => 1;
            public int Capacity { get { return 2; } set { } }
            public void Append(int n) { Console.WriteLine(n); }
            public int Twice(int n) => n * 2;
            public static Journal operator +(Journal a, Journal b) { return a; }
        }
        """;

    [Theory]
    [InlineData("Console.WriteLine(n);", "Console.WriteLine(n); n++; { }")]
    [InlineData("=> n * 2;", "=> n * 3 + Size;")]
    [InlineData("=> 1;", "=> 2;")]
    [InlineData("get { return 2; }", "get { return 3; /* a comment */ }")]
    [InlineData("public Journal() { Console.WriteLine(); }", "public Journal() { }")]
    [InlineData("{ return a; }", "{ return b; }")]
    public void Body_edits_keep_the_hash_and_the_numbering(string before, string after)
    {
        SyntaxTree original = Parse(Source);
        SyntaxTree edited = Parse(Source.Replace(before, after, System.StringComparison.Ordinal));
        TreeDeclarations was = TreeDeclarations.Of(original, default);
        TreeDeclarations now = TreeDeclarations.Of(edited, default);

        Assert.Equal(was.Hash, now.Hash);
        foreach (SyntaxNode declaration in edited.GetRoot().DescendantNodes())
        {
            int ordinal = now.OrdinalOf(declaration);
            if (ordinal >= 0)
            {
                SyntaxNode? same = was.DeclarationAt(original.GetRoot(), ordinal);
                Assert.NotNull(same);
                Assert.Equal(declaration.Kind(), same!.Kind());
            }
        }
    }

    [Theory]
    [InlineData("public void Append(int n)", "public void Append(long n)")]
    [InlineData("public void Append(int n)", "[Obsolete] public void Append(int n)")]
    [InlineData("= 16;", "= 17;")]
    [InlineData("using System;", "using System; using System.IO;")]
    [InlineData("public int Count => 1;", "public int Count => 1; public void Added() { }")]
    [InlineData("public Journal() {", "public Journal() : base() {")]
    [InlineData("public sealed class Journal", "public sealed class Journal : IDisposable")]
    public void Declaration_edits_change_the_hash(string before, string after)
    {
        string edited = Source.Replace(before, after, System.StringComparison.Ordinal);
        Assert.NotEqual(Source, edited);
        Assert.NotEqual(TreeDeclarations.Of(Parse(Source), default).Hash, TreeDeclarations.Of(Parse(edited), default).Hash);
    }

    [Fact]
    public void Numbers_every_method_like_declaration_and_finds_it_again()
    {
        SyntaxTree tree = Parse(Source);
        TreeDeclarations declarations = TreeDeclarations.Of(tree, default);
        int numbered = 0;
        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            int ordinal = declarations.OrdinalOf(node);
            if (ordinal >= 0)
            {
                Assert.Same(node, declarations.DeclarationAt(tree.GetRoot(), ordinal));
                numbered++;
            }
        }

        // The constructor, Count's arrow, Capacity's two accessors, Append, Twice and the operator.
        Assert.Equal(7, numbered);
        Assert.Null(declarations.DeclarationAt(tree.GetRoot(), numbered));
    }

    [Fact]
    public void The_same_text_in_another_file_hashes_differently()
    {
        Assert.NotEqual(
            TreeDeclarations.Of(CSharpSyntaxTree.ParseText(Source, path: "/a.cs"), default).Hash,
            TreeDeclarations.Of(CSharpSyntaxTree.ParseText(Source, path: "/b.cs"), default).Hash);
    }

    private static SyntaxTree Parse(string text) => CSharpSyntaxTree.ParseText(text, path: "/Journal.cs");
}
