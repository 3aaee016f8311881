using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NoFsScope.Analyzers.Analysis;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Analysis;

/// <summary>
/// The per-name implementation index: what a virtual call may run, found from declared member names,
/// and a cancelled build that leaves nothing behind (the IDE cancels analysis while you type and asks
/// again on the same compilation).
/// </summary>
public sealed class ImplementationIndexTests
{
    private const string Source = """
        interface IStore { void Put(); int Size { get; } }
        abstract class Codec { public abstract void Encode(); public virtual int this[int i] => 0; }
        sealed class Disk : IStore { public void Put() { } int IStore.Size => 1; }
        sealed class Lz : Codec { public override void Encode() { } public override int this[int i] => i; }
        sealed class Unrelated { public void Put() { } public void Encode() { } }
        """;

    [Fact]
    public async Task Finds_implicit_explicit_override_and_accessor_implementations_only()
    {
        Compilation compilation = await CompileAsync();
        var index = new ImplementationIndex(compilation);

        Assert.Equal(new[] { "Disk.Put()" }, Names(index, compilation, "IStore", "Put"));
        Assert.Equal(new[] { "Disk.IStore.Size.get" }, Names(index, compilation, "IStore", "get_Size"));
        Assert.Equal(new[] { "Lz.Encode()" }, Names(index, compilation, "Codec", "Encode"));
        Assert.Equal(new[] { "Lz.this[int].get" }, Names(index, compilation, "Codec", "get_Item"));
    }

    [Fact]
    public async Task A_cancelled_build_is_not_remembered()
    {
        Compilation compilation = await CompileAsync();
        var index = new ImplementationIndex(compilation);
        IMethodSymbol put = Method(compilation, "IStore", "Put");

        Assert.ThrowsAny<OperationCanceledException>(() => index.Of(put, new CancellationToken(canceled: true)));
        Assert.Single(index.Of(put, CancellationToken.None));
    }

    private static string[] Names(ImplementationIndex index, Compilation compilation, string type, string method) =>
        index.Of(Method(compilation, type, method), CancellationToken.None)
            .Select(m => m.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))
            .ToArray();

    private static IMethodSymbol Method(Compilation compilation, string type, string name) =>
        compilation.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>().Single();

    private static async Task<Compilation> CompileAsync() =>
        CSharpCompilation.Create("Index", new[] { CSharpSyntaxTree.ParseText(Source) }, await AnalyzerHarness.References.Value);
}
