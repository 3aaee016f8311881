using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Rules.Interprocedural;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Ide;

/// <summary>
/// NOFS002/NOFS003 keep the facts of a file's methods with its syntax tree across compilations, as an
/// editor makes a new compilation per keystroke but keeps unchanged trees. Kept facts must never show:
/// after every edit of a sequence (bodies and declarations, in every file), one long-lived analyzer
/// instance reports exactly what a fresh instance reports, both for the whole compilation and for the
/// edited callback's document alone; and the sequence moves the findings, so agreeing is not trivial.
/// </summary>
public sealed class KeptFactsTests
{
    private const string Callbacks = """
        using Memalloc;
        namespace Engine;
        public sealed class Aops : AddressSpaceOperations
        {
            private readonly Journal _journal = new();
            public override void WritePages(Pool pool)
            {
                _journal.Append(pool);
            }
        }
        """;

    private const string Journal = """
        using Memalloc;
        namespace Engine;
        public sealed class Journal
        {
            private readonly Log _log = new();
            private readonly IStore _store = new NullStore();
            public void Append(Pool pool)
            {
                _log.Grow(pool);
            }
        }
        """;

    private const string Log = """
        using Memalloc;
        namespace Engine;
        public sealed class Log
        {
            public void Grow(Pool pool)
            {
                pool.Take(1L);
            }
        }
        public sealed class NullStore : IStore
        {
            public void Put(Pool pool) { }
        }
        """;

    private const string Pool = """
        using Memalloc;
        namespace Engine;
        public sealed class Pool
        {
            public byte[] Take(long size) => new byte[size];
            [MayReclaim] public byte[] Rent() => new byte[1];
        }
        public interface IStore { void Put(Pool pool); }
        public abstract class AddressSpaceOperations
        {
            [WritebackCallback] public abstract void WritePages(Pool pool);
        }
        """;

    /// <summary>What the smaller scenarios below share: an allocator and a writeback callback to implement.</summary>
    private const string Basics = """
        using Memalloc;
        namespace Engine;
        public sealed class Pool { [MayReclaim] public byte[] Rent() => new byte[1]; }
        public abstract class AddressSpaceOperations { [WritebackCallback] public abstract void WritePages(Pool pool); }
        """;

    /// <summary>Each step: file, text replaced, replacement, and how many NOFS002 the whole compilation has after it.</summary>
    private static readonly (string File, string Before, string After, int Nofs002)[] Steps =
    {
        ("Log.cs", "pool.Take(1L);", "pool.Rent();", 1),                                    // a body starts allocating
        ("Log.cs", "pool.Rent();", "using (NoFsScope.Enter()) { pool.Rent(); }", 0),       // and scopes it
        ("Log.cs", "using (NoFsScope.Enter()) { pool.Rent(); }", "pool.Take(1);", 0),       // back to a plain call
        ("Pool.cs", "public byte[] Take(long size)", "[MayReclaim] public byte[] Take(int size) => new byte[size];\n    public byte[] Take(long size)", 1), // a better overload in another file: Log.cs binds anew
        ("Journal.cs", "_log.Grow(pool);", "_log.Grow(pool); _log.Grow(pool);", 1),        // a body elsewhere on the path
        ("Pool.cs", "[MayReclaim] public byte[] Take(int size)", "public byte[] Take(int size)", 0), // a declaration's attribute
        ("Journal.cs", "_log.Grow(pool); _log.Grow(pool);", "pool.Rent();", 1),             // the path gets shorter
        ("Callbacks.cs", "_journal.Append(pool);", "_journal.Append(pool); _journal.Append(pool);", 2), // the callback's own file
        ("Journal.cs", "public void Append(Pool pool)", "public void Append(Pool pool, int n = 0)", 2),  // a signature
        ("Journal.cs", "pool.Rent();", "{ }", 0),
        ("Journal.cs", "{ }", "_store.Put(pool);", 0),                                        // an interface call
        ("Log.cs", "public void Put(Pool pool) { }", "public void Put(Pool pool) { pool.Rent(); }", 2), // the implementation's body
        ("Pool.cs", "public interface IStore { void Put(Pool pool); }", "public interface IStore { void Put(Pool pool); }\npublic sealed class QuietStore : IStore { public void Put(Pool pool) { } }", 2), // one more implementation
        ("Log.cs", "{ pool.Rent(); }", "{ }", 0),
        ("Pool.cs", "public void Put(Pool pool) { }", "public void Put(Pool pool) { pool.Rent(); }", 2), // the new implementation's body
    };

    [Fact]
    public async Task A_long_lived_instance_reports_what_a_fresh_one_does_after_every_edit()
    {
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        var trees = new Dictionary<string, SyntaxTree>
        {
            ["Callbacks.cs"] = Parse(Callbacks, "Callbacks.cs"),
            ["Journal.cs"] = Parse(Journal, "Journal.cs"),
            ["Log.cs"] = Parse(Log, "Log.cs"),
            ["Pool.cs"] = Parse(Pool, "Pool.cs"),
        };
        Compilation compilation = CSharpCompilation.Create("Kept", trees.Values, await AnalyzerHarness.References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Equal(0, Count(await AnalyzeAsync(kept, compilation, null), "NOFS002"));

        foreach ((string file, string before, string after, int nofs002) in Steps)
        {
            SyntaxTree old = trees[file];
            string text = old.GetText().ToString();
            int at = text.IndexOf(before, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{file} does not contain '{before}'");
            trees[file] = old.WithChangedText(old.GetText().WithChanges(new TextChange(new TextSpan(at, before.Length), after)));
            compilation = compilation.ReplaceSyntaxTree(old, trees[file]);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            // The editor asks for the callback's document first (the others' trees are reused), then the build asks for everything.
            SyntaxTree callbacks = trees["Callbacks.cs"];
            Assert.Equal(Keys(await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, callbacks)), Keys(await AnalyzeAsync(kept, compilation, callbacks)));
            ImmutableArray<Diagnostic> fresh = await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, null);
            Assert.Equal(Keys(fresh), Keys(await AnalyzeAsync(kept, compilation, null)));
            Assert.Equal(nofs002, Count(fresh, "NOFS002"));
        }
    }

    [Fact]
    public async Task Facts_of_an_unchanged_file_are_reused_after_a_body_edit_elsewhere_and_not_after_a_declaration_edit()
    {
        SyntaxTree log = Parse(Log, "Log.cs");
        SyntaxTree pool = Parse(Pool, "Pool.cs");
        Compilation first = CSharpCompilation.Create("Kept", new[] { Parse(Callbacks, "Callbacks.cs"), Parse(Journal, "Journal.cs"), log, pool }, await AnalyzerHarness.References.Value);
        var keptWithTrees = new KeptAnalysis();
        MethodFacts grow = GrowFacts(first, keptWithTrees);

        Compilation bodyEdited = first.ReplaceSyntaxTree(pool, Edit(pool, "=> new byte[1];", "=> new byte[2];"));
        Assert.Same(grow, GrowFacts(bodyEdited, keptWithTrees));

        Compilation declarationEdited = first.ReplaceSyntaxTree(pool, Edit(pool, "public byte[] Rent()", "public byte[] Rent(int n = 0)"));
        Assert.NotSame(grow, GrowFacts(declarationEdited, keptWithTrees));

        // Without the store, every compilation computes its own facts.
        Assert.NotSame(GrowFacts(first, null), GrowFacts(first, null));
    }

    [Fact]
    public async Task Turning_overflow_checking_on_is_seen_although_no_tree_changed()
    {
        // In a checked context 'a + b' binds to the user-defined 'operator checked +', here the one that allocates.
        const string Money = """
            namespace Engine;
            public sealed class Aops : AddressSpaceOperations { public override void WritePages(Pool pool) { Helper.Sum(pool); } }
            public readonly struct Money
            {
                public static Money operator +(Money a, Money b) => a;
                public static Money operator checked +(Money a, Money b) { new Pool().Rent(); return a; }
            }
            """;
        const string Helper = """
            namespace Engine;
            public static class Helper { public static Money Sum(Pool pool) => new Money() + new Money(); }
            """;
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        Compilation unchecked_ = await CreateAsync(Parse(Basics, "Basics.cs"), Parse(Money, "Money.cs"), Parse(Helper, "Helper.cs"));
        await KeepFromNowOnAsync(kept, unchecked_, nofs002: 0);

        Compilation checked_ = unchecked_.WithOptions(unchecked_.Options.WithOverflowChecks(true));
        await AssertAgreesWithAFreshInstanceAsync(kept, checked_, document: null, nofs002: 1);
    }

    [Fact]
    public async Task Other_preprocessor_symbols_are_seen_although_every_text_is_the_same()
    {
        // With FEATURE, RealStore implements IStore and the interface call in the callback reaches its allocation.
        const string Main = """
            namespace Engine;
            public interface IStore { void Put(Pool pool); }
            public sealed class Aops : AddressSpaceOperations
            {
                private readonly IStore _store = new NullStore();
                public override void WritePages(Pool pool) { _store.Put(pool); }
            }
            public sealed class NullStore : IStore { public void Put(Pool pool) { } }
            """;
        const string Store = """
            namespace Engine;
            public sealed class RealStore
            #if FEATURE
                : IStore
            #endif
            {
                public void Put(Pool pool) { pool.Rent(); }
            }
            """;
        const string Other = """
            namespace Engine;
            public static class Other { public static int F() { return 1; } }
            """;
        var plain = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] Trees(CSharpParseOptions options) => new[] { Main, Store, Other, Basics }.Select((text, i) => CSharpSyntaxTree.ParseText(text, options, path: $"/File{i}.cs")).ToArray();
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        Compilation without = await CreateAsync(Trees(plain));
        await KeepFromNowOnAsync(kept, without, nofs002: 0);

        // The project's define constants change: every tree is parsed again from the same text, the options
        // and reference objects stay; then a keystroke in an unrelated file.
        Compilation with = without.RemoveAllSyntaxTrees().AddSyntaxTrees(Trees(plain.WithPreprocessorSymbols("FEATURE")));
        await AnalyzeAsync(kept, with, null);
        SyntaxTree other = with.SyntaxTrees.Single(t => t.FilePath == "/File2.cs");
        Compilation edited = with.ReplaceSyntaxTree(other, Edit(other, "return 1;", "return 2;"));
        await AssertAgreesWithAFreshInstanceAsync(kept, edited, document: null, nofs002: 1);
    }

    [Fact]
    public async Task A_partial_method_is_judged_by_its_definition_part_whichever_part_is_read_first()
    {
        // The interface promises a scope for Go; the promise reaches the partial method through its definition part.
        const string Runner = """
            using Memalloc;
            namespace Engine;
            public sealed class Aops : AddressSpaceOperations { public override void WritePages(Pool pool) { new H().Run(pool); } }
            public interface IRunner { [InvokedUnderNoFsScope] void Go(Pool p); }
            public partial class H : IRunner { public partial void Go(Pool p); public void Run(Pool p) { Go(p); } }
            """;
        const string Go = """
            namespace Engine;
            public partial class H { public partial void Go(Pool p) { p.Rent(); } }
            """;
        SyntaxTree runner = Parse(Runner, "Runner.cs");
        SyntaxTree go = Parse(Go, "Go.cs");
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        Compilation first = await CreateAsync(Parse(Basics, "Basics.cs"), runner, go);
        await KeepFromNowOnAsync(kept, first, nofs002: 0);

        Compilation edited = first.ReplaceSyntaxTree(go, Edit(go, "p.Rent();", "p.Rent(); p.Rent();"));
        await AssertAgreesWithAFreshInstanceAsync(kept, edited, runner, nofs002: 0);
        await AssertAgreesWithAFreshInstanceAsync(kept, edited, document: null, nofs002: 0);
    }

    [Fact]
    public async Task Facts_are_kept_only_once_a_compilation_shares_a_tree_with_an_earlier_one()
    {
        // A command-line build sees each tree once: it pays for no hashing or keeping.
        SyntaxTree log = Parse(Log, "Log.cs");
        MetadataReference[] references = (await AnalyzerHarness.References.Value).ToArray();
        var kept = new KeptAnalysis();
        Compilation first = CSharpCompilation.Create("Kept", new[] { log, Parse(Pool, "Pool.cs") }, references);
        Assert.Null(kept.IfTreesSeenBefore(first));
        Assert.Same(kept, kept.IfTreesSeenBefore(first.ReplaceSyntaxTree(log, Edit(log, "pool.Take(1L);", "pool.Take(2L);"))));
        Assert.Null(kept.IfTreesSeenBefore(CSharpCompilation.Create("Other", new[] { Parse(Log, "Log.cs"), Parse(Pool, "Pool.cs") }, references)));
    }

    [Fact]
    public async Task A_summary_is_reused_while_no_file_it_reaches_changes()
    {
        SyntaxTree callbacks = Parse(Callbacks, "Callbacks.cs");
        SyntaxTree log = Edit(Parse(Log, "Log.cs"), "pool.Take(1L);", "pool.Rent();");
        Compilation first = await CreateAsync(callbacks, Parse(Journal, "Journal.cs"), log, Parse(Pool, "Pool.cs"));
        var kept = new KeptAnalysis();
        ReclaimHop append = AppendHop(first, kept);
        Assert.True(append.Reaches);

        // Journal.Append reaches Log.Grow, not the callback: an edit of the callback's file keeps its summary.
        Compilation callbackEdited = first.ReplaceSyntaxTree(callbacks, Edit(callbacks, "_journal.Append(pool);", "_journal.Append(pool); _journal.Append(pool);"));
        Assert.Same(append, AppendHop(callbackEdited, kept));

        // An edit in Log.cs, which it reaches, does not, although the result is the same.
        Compilation logEdited = callbackEdited.ReplaceSyntaxTree(log, Edit(log, "pool.Rent();", "pool.Take(2L); pool.Rent();"));
        ReclaimHop again = AppendHop(logEdited, kept);
        Assert.NotSame(append, again);
        Assert.Equal(append.Distance, again.Distance);
    }

    [Fact]
    public async Task Two_versions_of_a_file_analyzed_in_turn_and_at_once_keep_their_own_findings()
    {
        // An editor may start the next compilation before the last is done: the versions must not lend each
        // other summaries. Log.cs allocates in one version and not in the other.
        SyntaxTree log = Parse(Log, "Log.cs");
        Compilation quiet = await CreateAsync(Parse(Callbacks, "Callbacks.cs"), Parse(Journal, "Journal.cs"), log, Parse(Pool, "Pool.cs"));
        Compilation allocating = quiet.ReplaceSyntaxTree(log, Edit(log, "pool.Take(1L);", "pool.Rent();"));
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        await KeepFromNowOnAsync(kept, quiet, 0);
        for (int turn = 0; turn < 3; turn++)
        {
            await AssertAgreesWithAFreshInstanceAsync(kept, allocating, null, 1);
            await AssertAgreesWithAFreshInstanceAsync(kept, quiet, null, 0);
        }

        for (int round = 0; round < 8; round++)
        {
            Task<ImmutableArray<Diagnostic>>[] both = { AnalyzeAsync(kept, allocating, null), AnalyzeAsync(kept, quiet, null), AnalyzeAsync(kept, allocating, null) };
            ImmutableArray<Diagnostic>[] found = await Task.WhenAll(both);
            Assert.Equal(new[] { 1, 0, 1 }, found.Select(d => Count(d, "NOFS002")));
        }
    }

    private static ReclaimHop AppendHop(Compilation compilation, KeptAnalysis? kept)
    {
        var analysis = ReclaimAnalysis.Create(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), kept, CancellationToken.None);
        IMethodSymbol append = compilation.GetTypeByMetadataName("Engine.Journal")!.GetMembers("Append").OfType<IMethodSymbol>().Single();
        return analysis.Reachability(CallbackKind.Writeback).Of(append, CancellationToken.None);
    }

    internal static async Task<Compilation> CreateAsync(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Kept", trees, await AnalyzerHarness.References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Analyzes <paramref name="compilation"/> twice with <paramref name="kept"/>: the second time its trees were seen before, so facts are kept from then on.</summary>
    private static async Task KeepFromNowOnAsync(DiagnosticAnalyzer kept, Compilation compilation, int nofs002)
    {
        Assert.Equal(nofs002, Count(await AnalyzeAsync(kept, compilation, null), "NOFS002"));
        Assert.Equal(nofs002, Count(await AnalyzeAsync(kept, compilation, null), "NOFS002"));
    }

    /// <summary>A fresh instance finds <paramref name="nofs002"/> NOFS002 in <paramref name="compilation"/> (or one document of it), and the long-lived one reports exactly the same.</summary>
    private static async Task AssertAgreesWithAFreshInstanceAsync(DiagnosticAnalyzer kept, Compilation compilation, SyntaxTree? document, int nofs002)
    {
        ImmutableArray<Diagnostic> fresh = await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), compilation, document);
        Assert.Equal(nofs002, Count(fresh, "NOFS002"));
        Assert.Equal(Keys(fresh), Keys(await AnalyzeAsync(kept, compilation, document)));
    }

    private static MethodFacts GrowFacts(Compilation compilation, KeptAnalysis? kept)
    {
        var analysis = ReclaimAnalysis.Create(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), kept, CancellationToken.None);
        IMethodSymbol grow = compilation.GetTypeByMetadataName("Engine.Log")!.GetMembers("Grow").OfType<IMethodSymbol>().Single();
        return analysis.Facts.Of(analysis.Refs.Of(grow, CancellationToken.None), CancellationToken.None);
    }

    internal static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, path: "/" + path);

    internal static SyntaxTree Edit(SyntaxTree tree, string before, string after)
    {
        string text = tree.GetText().ToString();
        int at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0);
        return tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, before.Length), after)));
    }

    internal static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, Compilation compilation, SyntaxTree? document)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers analyzed = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
        ImmutableArray<Diagnostic> diagnostics = document is null
            ? await analyzed.GetAnalyzerDiagnosticsAsync()
            : await analyzed.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(document), filterSpan: null, CancellationToken.None);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static int Count(ImmutableArray<Diagnostic> diagnostics, string id) => diagnostics.Count(d => d.Id == id);

    /// <summary>Id, place, message and additional places of each diagnostic, in a stable order (also what <see cref="KeptFactsFuzzTests"/> compares).</summary>
    internal static string[] Keys(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{string.Join("; ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();
}
