using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NoFsScope.Analyzers.Configuration;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Configuration.NOFS900ConfigurationAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS900;

public sealed class NOFS900ConfigurationTests
{
    private static Task VerifyAsync(string config, string fileName = "NoFsScope.txt", params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = "class C { }" };
        test.TestState.AdditionalFiles.Add((fileName, config));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task Valid_lines_comments_and_blank_lines_are_silent()
    {
        await VerifyAsync("""
            # comment

               # indented comment
            writeback M:Ns.Aops.WritePages(System.Int32,System.String)
            io M:Ns.Dev.Submit
            allocator T:Ns.Slab
            allocator M:Ns.Pool.Rent``1(System.Int32)
            allocator M:Ns.Buf.#ctor(System.Int32)
            """);
    }

    [Fact]
    public async Task Each_malformed_line_is_reported_at_its_line_with_its_reason()
    {
        await VerifyAsync(
            """
            writeback M:Ns.Aops.WritePages
            {|#0:writeback|}
            {|#1:frobnicate M:Ns.A.B|}
            {|#2:writeback M:Ns.A.B(System.Int32, System.String)|}
            {|#3:writeback T:Ns.A|}
            {|#4:allocator X:Ns.A|}
            {|#5:allocator M:Method|}
            {|#6:io M:Ns.A.B(System.Int32|}
            """,
            "NoFsScope.txt",
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(0).WithArguments(2, "expected '<writeback|io|allocator> <documentation-comment-id>', found only 'writeback'"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(1).WithArguments(3, "unknown keyword 'frobnicate'; use 'writeback', 'io' or 'allocator'"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(2).WithArguments(4, "'M:Ns.A.B(System.Int32, System.String)' contains whitespace; documentation comment IDs have none (write 'M:N.T.M(System.Int32,System.String)')"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(3).WithArguments(5, "'T:Ns.A' is not a method documentation comment ID (it must start with 'M:')"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(4).WithArguments(6, "'X:Ns.A' is not a method ('M:') or type ('T:') documentation comment ID"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(5).WithArguments(7, "'M:Method' names no containing type; write 'M:Namespace.Type.Method'"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS900).WithLocation(6).WithArguments(8, "'M:Ns.A.B(System.Int32' has an unbalanced or misplaced parameter list"));
    }

    [Fact]
    public async Task Topic_files_merge_and_other_files_are_ignored()
    {
        await VerifyAsync("{|NOFS900:nonsense|}", "NoFsScope.vendor.txt");
        await VerifyAsync("nonsense", "Other.txt");
    }

    [Theory]
    [InlineData("M:Ns.T.Write", "M:Ns.T.Write(System.Int32)", true)]
    [InlineData("M:Ns.T.Write", "M:Ns.T.Write``1(``0)", true)]
    [InlineData("M:Ns.T.Write", "M:Ns.T.Write", true)]
    [InlineData("M:Ns.T.Write", "M:Ns.T.WriteAll(System.Int32)", false)]
    [InlineData("M:Ns.T.Write(System.Int32)", "M:Ns.T.Write(System.Int64)", false)]
    [InlineData("T:Ns.T", "M:Ns.T.Write", true)]
    [InlineData("T:Ns.T", "M:Ns.TT.Write", false)]
    public void Entry_matching(string entry, string methodId, bool matches)
    {
        string typeId = "T:" + methodId.Substring(2, methodId.LastIndexOf('.', methodId.IndexOf('(') < 0 ? methodId.Length - 1 : methodId.IndexOf('(')) - 2);
        Assert.Equal(matches, new ConfigEntry(ConfigEntryKind.Allocator, entry).Matches(methodId, typeId));
    }

    [Theory]
    [InlineData("M:Ns.Aops.WritePage(System.Int32)", "WritePage")]
    [InlineData("M:Ns.Aops.WritePage", "WritePage")]
    [InlineData("M:Ns.Buf.#ctor(System.Int32)", ".ctor")]
    [InlineData("M:Ns.Pool.Rent``1(``0)", "Rent")]
    [InlineData("M:Ns.List`1.Add(`0)", "Add")]
    [InlineData("M:Ns.Page.get_Data", "get_Data")]
    [InlineData("M:Ns.Impl.Ns#IWriter#Write", "Ns.IWriter.Write")]
    public void Member_name_prefilter_matches_the_metadata_name(string id, string metadataName)
    {
        Assert.Equal(metadataName, new ConfigEntry(ConfigEntryKind.Allocator, id).MemberName);
    }
}
