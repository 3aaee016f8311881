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
/// The implementation index: what a virtual call may run, found from declared member names,
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
    public async Task Follows_deep_generic_nested_partial_and_record_declarations_and_skips_same_named_unrelated_types()
    {
        Compilation compilation = CSharpCompilation.Create("Index", new[]
        {
            CSharpSyntaxTree.ParseText("""
                interface IStage { int Run(); }
                interface IHasId { int Id { get; } }
                interface IFastStage : IStage { }
                abstract class StageBase<T> { public abstract T Run(); }
                class Mid : StageBase<int> { public override int Run() => 1; }
                sealed class Leaf : Mid { public override int Run() => 2; }
                class Other { public virtual int Run() => 3; }
                sealed class OtherLeaf : Other { public override int Run() => 4; }
                static class Outer { public sealed class Nested : IFastStage { public int Run() => 5; } }
                partial class Split : IStage { }
                record Job(int Id) : IStage, IHasId { public int Run() => Id; }
                """),
            CSharpSyntaxTree.ParseText("partial class Split { public int Run() => 6; }"),
        }, await AnalyzerHarness.References.Value);
        var index = new ImplementationIndex(compilation);

        Assert.Equal(new[] { "Mid.Run()", "Leaf.Run()" }, Names(index, compilation, "StageBase`1", "Run").OrderBy(n => n.Length));
        Assert.Equal(new[] { "Job.Run()", "Outer.Nested.Run()", "Split.Run()" }, Names(index, compilation, "IStage", "Run").OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "OtherLeaf.Run()" }, Names(index, compilation, "Other", "Run"));
        Assert.Empty(Names(index, compilation, "Leaf", "Run"));
        Assert.Equal(new[] { "Job.Id.get" }, Names(index, compilation, "IHasId", "get_Id")); // a property the compiler makes
    }

    [Fact]
    public async Task Interface_calls_run_overrides_of_virtual_implementations_and_renamed_indexers_are_found()
    {
        Compilation compilation = CSharpCompilation.Create("Index", new[]
        {
            CSharpSyntaxTree.ParseText("""
                interface IStore { void Put(); }
                class StoreBase : IStore { public virtual void Put() { } }
                class Disk : StoreBase { public override void Put() { } }
                sealed class Ssd : Disk { public override void Put() { } }
                abstract class Grid { [System.Runtime.CompilerServices.IndexerName("Cell")] public abstract int this[int i] { get; } }
                sealed class Sheet : Grid { [System.Runtime.CompilerServices.IndexerName("Cell")] public override int this[int i] => i; }
                abstract class Remote : IStore { public abstract void Put(); }
                sealed class Nfs : Remote { public override void Put() { } }
                """),
        }, await AnalyzerHarness.References.Value);
        var index = new ImplementationIndex(compilation);

        Assert.Equal(
            new[] { "Disk.Put()", "Nfs.Put()", "Remote.Put()", "Ssd.Put()", "StoreBase.Put()" },
            Names(index, compilation, "IStore", "Put").OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "Sheet.this[int].get" }, Names(index, compilation, "Grid", "get_Cell")); // an indexer renamed with [IndexerName]
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
