using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NoFsScope.Analyzers.Analysis;
using NoFsScope.Analyzers.Rules.Interprocedural;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Ide;

/// <summary>
/// The reclaim summaries NOFS002/NOFS003 keep across compilations (<see cref="KeptSummaries"/>): where a
/// kept summary's call is read from the compilation at hand, compilations of two versions of a file do
/// not lend each other summaries whatever order they begin in, and methods that cannot be named across
/// compilations keep every summary that reaches them from being kept.
/// </summary>
public sealed class KeptSummariesTests
{
    private const string Basics = """
        using Memalloc;
        namespace Engine;
        public sealed class Pool
        {
            [MayReclaim] public byte[] Rent() => new byte[1];
            public byte[] Take(long size) => new byte[size];
        }
        public abstract class AddressSpaceOperations { [WritebackCallback] public abstract void WritePages(Pool pool); }
        public sealed class Journal { public void Append(Pool pool) { new Log().Grow(pool); } }
        """;

    private const string Log = """
        using Memalloc;
        namespace Engine;
        public sealed class Log { public void Grow(Pool pool) { pool.Take(1L); } }
        """;

    [Fact]
    public async Task A_kept_summary_points_at_its_call_in_the_current_tree_when_that_call_is_not_the_first()
    {
        // Append's path goes through its third call; the first is scoped, so it is not among its writeback
        // calls at all. A body edit in the callback's file moves nothing in Journal.cs, but the kept
        // instance must still name the same call as a fresh one.
        const string journal = """
            using Memalloc;
            namespace Engine;
            public sealed class Steps
            {
                public void Quiet(Pool pool) { }
                public void Append(Pool pool)
                {
                    using (NoFsScope.Enter()) { Loud(pool); }
                    Quiet(pool);
                    Loud(pool);
                }
                public void Loud(Pool pool) { pool.Rent(); }
            }
            """;
        const string callbacks = """
            using Memalloc;
            namespace Engine;
            public sealed class Aops : AddressSpaceOperations { public override void WritePages(Pool pool) { new Steps().Append(pool); } }
            """;
        SyntaxTree callbackTree = Parse(callbacks, "Callbacks.cs");
        Compilation compilation = await CreateAsync(callbackTree, Parse(journal, "Steps.cs"), Parse(Basics, "Basics.cs"));
        var kept = new NOFS002NOFS003ReclaimThroughCallsAnalyzer();
        await AnalyzeAsync(kept, compilation);
        await AnalyzeAsync(kept, compilation);

        Compilation edited = compilation.ReplaceSyntaxTree(callbackTree, Edit(callbackTree, "{ new Steps()", "{\n\n new Steps()"));
        string[] fresh = KeptFactsTests.Keys(await AnalyzeAsync(new NOFS002NOFS003ReclaimThroughCallsAnalyzer(), edited));
        Assert.Contains(fresh, key => key.StartsWith("NOFS002", StringComparison.Ordinal) && key.Contains("Steps.cs: (9,", StringComparison.Ordinal));
        Assert.Equal(fresh, KeptFactsTests.Keys(await AnalyzeAsync(kept, edited)));
    }

    [Fact]
    public async Task A_compilation_of_the_old_version_does_not_take_a_summary_the_new_version_kept()
    {
        SyntaxTree log = Parse(Log, "Log.cs");
        Compilation quiet = await CreateAsync(Parse(Basics, "Basics.cs"), log);
        Compilation allocating = quiet.ReplaceSyntaxTree(log, Edit(log, "pool.Take(1L);", "pool.Rent();"));
        var kept = new KeptAnalysis();

        // The old version's compilation begins first, then the new one's computes and keeps Append's summary.
        ReclaimAnalysis old = Analysis(quiet, kept);
        Assert.NotNull(old.Facts.Summaries);
        Assert.True(AppendHop(Analysis(allocating, kept), allocating).Reaches);
        Assert.False(AppendHop(old, quiet).Reaches);

        // And the other way round.
        ReclaimAnalysis newer = Analysis(allocating, kept);
        Assert.NotNull(newer.Facts.Summaries);
        Assert.False(AppendHop(Analysis(quiet, kept), quiet).Reaches);
        Assert.True(AppendHop(newer, allocating).Reaches);
    }

    [Fact]
    public async Task A_summary_reaching_a_file_whose_path_another_file_shares_is_not_kept()
    {
        // Two trees at one path: their methods have no name that outlives the compilation, so the summaries
        // that reach them cannot say what they depend on.
        SyntaxTree log = Parse(Log, "Shared.cs");
        Compilation quiet = await CreateAsync(Parse(Basics, "Basics.cs"), log, Parse("namespace Engine; class Other { void F() { } }", "Shared.cs"));
        var kept = new KeptAnalysis();
        Assert.False(AppendHop(Analysis(quiet, kept), quiet).Reaches);

        Compilation allocating = quiet.ReplaceSyntaxTree(log, Edit(log, "pool.Take(1L);", "pool.Rent();"));
        Assert.True(AppendHop(Analysis(allocating, kept), allocating).Reaches);
    }

    private static ReclaimAnalysis Analysis(Compilation compilation, KeptAnalysis kept) =>
        ReclaimAnalysis.Create(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), kept, CancellationToken.None);

    private static ReclaimHop AppendHop(ReclaimAnalysis analysis, Compilation compilation)
    {
        IMethodSymbol append = compilation.GetTypeByMetadataName("Engine.Journal")!.GetMembers("Append").OfType<IMethodSymbol>().Single();
        return analysis.Reachability(CallbackKind.Writeback).Of(append, CancellationToken.None);
    }

    private static Task<Compilation> CreateAsync(params SyntaxTree[] trees) => KeptFactsTests.CreateAsync(trees);

    private static SyntaxTree Parse(string text, string path) => KeptFactsTests.Parse(text, path);

    private static SyntaxTree Edit(SyntaxTree tree, string before, string after) => KeptFactsTests.Edit(tree, before, after);

    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, Compilation compilation) => KeptFactsTests.AnalyzeAsync(analyzer, compilation, document: null);
}
