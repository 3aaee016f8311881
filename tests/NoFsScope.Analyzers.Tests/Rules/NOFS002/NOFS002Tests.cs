using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS002;

public sealed class NOFS002Tests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.VerifyAsync(source + EngineSource.Code, expected);

    /// <summary>An expected NOFS002 whose path (message) is asserted and whose hop locations are not.</summary>
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Path(int location, string path, bool io = false) =>
        Verify.Diagnostic(io ? Descriptors.Descriptors.NOFS002Io : Descriptors.Descriptors.NOFS002Writeback)
            .WithLocation(location)
            .WithArguments(path)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public async Task Message_gives_the_shortest_path_and_each_hop_is_located()
    {
        await VerifyAsync("""
            using Memalloc;
            class Log
            {
                private readonly Pool _pool = new();
                public void Grow() => {|#3:_pool.Rent()|};
                public void Slow() { Grow(); }
            }
            class Journal
            {
                private readonly Log _log = new();
                public void Append() { {|#2:_log.Grow()|}; }
            }
            class Aops : AddressSpaceOperations
            {
                private readonly Journal _journal = new();
                public override void WritePages(Pool pool)
                {
                    {|#0:_journal.Append()|};
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS002Writeback).WithLocation(0).WithLocation(2).WithLocation(3)
                .WithArguments("'Aops.WritePages' → 'Journal.Append' → 'Log.Grow' → 'Pool.Rent(AllocFlags)'"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Chains_of_depth_1_to_5(int depth)
    {
        var code = new StringBuilder("using Memalloc;\nstatic class Chain\n{\n");
        for (int i = 0; i < depth; i++)
        {
            code.Append($"    public static void M{i}(Pool p) => {(i == depth - 1 ? "p.Rent()" : $"M{i + 1}(p)")};\n");
        }

        code.Append("}\nclass Flusher\n{\n    [WritebackCallback] void Flush(Pool p) => {|#0:Chain.M0(p)|};\n}\n");
        string path = string.Join(" → ", new[] { "'Flusher.Flush'" }.Concat(Enumerable.Range(0, depth).Select(i => $"'Chain.M{i}'")).Append("'Pool.Rent(AllocFlags)'"));
        var expected = Path(0, path);
        var test = new Verify.Test { TestCode = code + EngineSource.Code };
        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task Diamond_recursion_and_mutual_recursion_pick_the_shortest_path()
    {
        await VerifyAsync("""
            using Memalloc;
            static class Graph
            {
                public static void Top(Pool p, int n) { Left(p, n); Right(p, n); Top(p, n - 1); }
                public static void Left(Pool p, int n) { Deep(p, n); }
                public static void Deep(Pool p, int n) { Bottom(p, n); }
                public static void Right(Pool p, int n) { Bottom(p, n); }
                public static void Bottom(Pool p, int n) { p.Rent(); }
                public static void Ping(Pool p, int n) { if (n > 0) Pong(p, n - 1); }
                public static void Pong(Pool p, int n) { if (n > 0) Ping(p, n - 1); else p.Grow(); }
                public static void Clean(Pool p, int n) { if (n > 0) Clean(p, n - 1); }
            }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool p)
                {
                    {|#0:Graph.Top(p, 3)|};
                    {|#1:Graph.Ping(p, 3)|};
                    Graph.Clean(p, 3);
                }
            }
            """,
            Path(0, "'Flusher.Flush' → 'Graph.Top' → 'Graph.Right' → 'Graph.Bottom' → 'Pool.Rent(AllocFlags)'"),
            Path(1, "'Flusher.Flush' → 'Graph.Ping' → 'Graph.Pong' → 'Pool.Grow()'"));
    }

    [Fact]
    public async Task Scope_in_the_middle_of_a_chain_stops_the_path()
    {
        await VerifyAsync("""
            using Memalloc;
            static class Chain
            {
                public static void A(Pool p) => B(p);
                public static void B(Pool p) { using (NoFsScope.Enter()) C(p); }
                public static void C(Pool p) => p.Rent();
                public static void Flagged(Pool p) => p.Rent(AllocFlags.NoFs);
            }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool p)
                {
                    Chain.A(p);
                    Chain.Flagged(p);
                    using (NoFsScope.Enter()) { Chain.C(p); }
                }
            }
            """);
    }

    [Fact]
    public async Task Virtual_and_interface_calls_consider_every_implementation()
    {
        await VerifyAsync("""
            using Memalloc;
            interface IStore { void Put(Pool p); }
            class MemoryStore : IStore { public void Put(Pool p) { } }
            class DiskStore : IStore { public void Put(Pool p) => p.Rent(); }
            abstract class Codec { public abstract void Encode(Pool p); }
            sealed class Lz : Codec { public override void Encode(Pool p) => p.Grow(); }
            class Flusher
            {
                private readonly IStore _store = new MemoryStore();
                private readonly Codec _codec = new Lz();

                [WritebackCallback]
                void Flush(Pool p)
                {
                    {|#0:_store.Put(p)|};
                    {|#1:_codec.Encode(p)|};
                }
            }
            """,
            Path(0, "'Flusher.Flush' → 'DiskStore.Put' → 'Pool.Rent(AllocFlags)'"),
            Path(1, "'Flusher.Flush' → 'Lz.Encode' → 'Pool.Grow()'"));
    }

    [Fact]
    public async Task Overrides_and_implementations_of_properties_indexers_and_explicit_members_are_found()
    {
        // The implementation index is built per name from the types' declared member names: accessors are
        // declared under their property's or indexer's name, explicit implementations under 'IFoo.X'.
        await VerifyAsync("""
            using System;
            using Memalloc;
            abstract class Extent { public abstract int Length { get; } public virtual byte this[int i] => 0; }
            sealed class Mapped : Extent
            {
                private readonly Pool _pool = new();
                public override int Length { get { _pool.Rent(); return 1; } }
                public override byte this[int i] { get { _pool.Grow(); return 0; } }
            }
            interface IJournal { void Commit(Pool p); int Size { get; } }
            sealed class Journal : IJournal
            {
                void IJournal.Commit(Pool p) => p.Rent();
                int IJournal.Size { get { new Pool().Grow(); return 0; } }
            }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Extent e, IJournal j, Pool p)
                {
                    int n = {|#0:e.Length|};
                    byte b = {|#1:e[0]|};
                    {|#2:j.Commit(p)|};
                    int s = {|#3:j.Size|};
                }
            }
            """,
            Path(0, "'Flusher.Flush' → 'Mapped.Length.get' → 'Pool.Rent(AllocFlags)'"),
            Path(1, "'Flusher.Flush' → 'Mapped.this.get' → 'Pool.Grow()'"),
            Path(2, "'Flusher.Flush' → 'Journal.Commit' → 'Pool.Rent(AllocFlags)'"),
            Path(3, "'Flusher.Flush' → 'Journal.Size.get' → 'Pool.Grow()'"));
    }

    [Fact]
    public async Task Generic_extension_property_indexer_constructor_operator_conversion_foreach_and_using_are_calls()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using Memalloc;
            static class Ext { public static T Fill<T>(this Pool p, T value) { p.Rent(); return value; } }
            class Page
            {
                private readonly Pool _pool = new();
                public byte[] Data => _pool.Rent();
                public byte this[int i] => _pool.Grow()[0];
                public Page() { _pool.Rent(); }
                public static Page operator +(Page a, Page b) { a._pool.Rent(); return a; }
                public static implicit operator byte[](Page p) => p._pool.Rent();
            }
            class Pages : IEnumerable<Page>
            {
                public IEnumerator<Page> GetEnumerator() { new Pool().Rent(); yield break; }
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
            class Lease : System.IDisposable { public void Dispose() => new Pool().Grow(); }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool p, Page page, Pages pages)
                {
                    {|#0:p.Fill(1)|};
                    _ = {|#1:page.Data|};
                    _ = {|#2:page[0]|};
                    _ = {|#3:new Page()|};
                    _ = {|#4:page + page|};
                    byte[] bytes = {|#5:page|};
                    {|#6:foreach (var x in pages) { }|}
                    {|#7:using (new Lease()) { }|}
                }
            }
            """,
            Path(0, "'Flusher.Flush' → 'Ext.Fill<T>' → 'Pool.Rent(AllocFlags)'"),
            Path(1, "'Flusher.Flush' → 'Page.Data.get' → 'Pool.Rent(AllocFlags)'"),
            Path(2, "'Flusher.Flush' → 'Page.this.get' → 'Pool.Grow()'"),
            Path(3, "'Flusher.Flush' → 'Page.Page' → 'Pool.Rent(AllocFlags)'"),
            Path(4, "'Flusher.Flush' → 'Page.operator +' → 'Pool.Rent(AllocFlags)'"),
            Path(5, "'Flusher.Flush' → 'Page.implicit operator byte[]' → 'Pool.Rent(AllocFlags)'"),
            Path(6, "'Flusher.Flush' → 'Pages.GetEnumerator' → 'Pool.Rent(AllocFlags)'"),
            Path(7, "'Flusher.Flush' → 'Lease.Dispose' → 'Pool.Grow()'"));
    }

    [Fact]
    public async Task Deferred_work_in_a_helper_and_helpers_called_only_under_a_scope_are_clean()
    {
        await VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            static class Helpers
            {
                public static void Offload(Pool p) => Task.Run(() => p.Rent());
                public static void Local(Pool p)
                {
                    using (NoFsScope.Enter()) Alloc();
                    void Alloc() => p.Rent();
                }
                [InvokedUnderNoFsScope] public static void Promised(Pool p) => p.Rent();
            }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool p)
                {
                    Helpers.Offload(p);
                    Helpers.Local(p);
                    Helpers.Promised(p);
                    Engine.Later(() => Helpers.Offload(p));
                }
            }
            """);
    }

    [Fact]
    public async Task Local_function_and_lambda_in_the_callback_are_part_of_it()
    {
        await VerifyAsync("""
            using Memalloc;
            static class Helper { public static void Alloc(Pool p) => p.Rent(); }
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool p)
                {
                    Run();
                    Engine.Now(() => {|#1:Helper.Alloc(p)|});
                    void Run() => {|#0:Helper.Alloc(p)|};
                }
            }
            """,
            Path(1, "'Flusher.Flush' → 'Helper.Alloc' → 'Pool.Rent(AllocFlags)'"),
            Path(0, "'Flusher.Flush' → 'Helper.Alloc' → 'Pool.Rent(AllocFlags)'"));
    }

    [Fact]
    public async Task Io_callback_follows_NoFs_flagged_helpers()
    {
        await VerifyAsync("""
            using Memalloc;
            static class Helper
            {
                public static void NoFsAlloc(Pool p) => p.Rent(AllocFlags.NoFs);
                public static void Scoped(Pool p) { using (NoFsScope.Enter()) p.Rent(); }
            }
            class Device : AddressSpaceOperations
            {
                public override void WritePages(Pool p) { Helper.NoFsAlloc(p); Helper.Scoped(p); }
                public override void SubmitBio(Pool p)
                {
                    {|#0:Helper.NoFsAlloc(p)|};
                    {|#1:Helper.Scoped(p)|};
                }
            }
            """,
            Path(0, "'Device.SubmitBio' → 'Helper.NoFsAlloc' → 'Pool.Rent(AllocFlags)'", io: true),
            Path(1, "'Device.SubmitBio' → 'Helper.Scoped' → 'Pool.Rent(AllocFlags)'", io: true));
    }

    [Fact]
    public async Task Partial_classes_across_files()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("A.cs", """
            using Memalloc;
            partial class Journal
            {
                [WritebackCallback] void Flush(Pool p) { {|#0:Commit(p)|}; }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            partial class Journal
            {
                void Commit(Pool p) => p.Grow();
            }
            """));
        test.TestState.Sources.Add(("Engine.cs", EngineSource.Code));
        test.ExpectedDiagnostics.Add(Path(0, "'Journal.Flush' → 'Journal.Commit' → 'Pool.Grow()'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Ten_thousand_method_chain_neither_overflows_nor_stalls()
    {
        const int length = 10_000;
        var code = new StringBuilder("static class Chain\n{\n");
        for (int i = 0; i < length; i++)
        {
            code.Append($"    public static void M{i}(Pool p) {{ {(i == length - 1 ? "p.Rent();" : $"M{i + 1}(p);")} }}\n");
        }

        code.Append("}\nclass Flusher\n{\n    [Memalloc.WritebackCallback] void Flush(Pool p) { {|#0:Chain.M0(p)|}; }\n}\n");
        string path = "'Flusher.Flush' → 'Chain.M0' → 'Chain.M1' → 'Chain.M2' → … 9994 more … → 'Chain.M9997' → 'Chain.M9998' → 'Chain.M9999' → 'Pool.Rent(AllocFlags)'";
        var test = new Verify.Test { TestCode = code + EngineSource.Code };
        test.ExpectedDiagnostics.Add(Path(0, path));
        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_helpers_are_followed_and_generated_callbacks_are_not_analyzed()
    {
        // The deadlock is real whoever wrote the helper, so a hand-written callback is judged through generated
        // code; a callback the user did not write (a [GeneratedCode] type) gets no diagnostic it could not fix.
        await VerifyAsync("""
            using Memalloc;
            [System.CodeDom.Compiler.GeneratedCode("engine-gen", "1.0")]
            static class Serializer
            {
                public static void Write(Pool p) => p.Rent();
            }
            [System.CodeDom.Compiler.GeneratedCode("engine-gen", "1.0")]
            class GeneratedAops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) => Serializer.Write(pool);
            }
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) => {|#0:Serializer.Write(pool)|};
            }
            """,
            Path(0, "'Aops.WritePages' → 'Serializer.Write' → 'Pool.Rent(AllocFlags)'"));
    }
}
