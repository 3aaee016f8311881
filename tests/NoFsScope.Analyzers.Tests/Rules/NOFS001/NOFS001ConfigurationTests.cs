using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>NoFsScope.txt makes callbacks and allocators of code that cannot be annotated.</summary>
public sealed class NOFS001ConfigurationTests
{
    private const string ThirdParty = """
        namespace Vendor.Fs
        {
            public abstract class Aops
            {
                public abstract void WritePage(int page);
                public virtual void Submit(int bio) { }
            }

            public static class Slab
            {
                public static byte[] Alloc(int size) => new byte[size];
                public static byte[] Alloc(int size, int align) => new byte[size];
                public static byte[] AllocAll() => new byte[0];
            }

            public sealed class Arena
            {
                public Arena(int size) { }
                public byte[] Take() => new byte[1];
                public static int Count() => 0;
            }
        }
        """;

    private static Task VerifyAsync(string source, string config)
    {
        var test = new Verify.Test { TestCode = source + ThirdParty };
        test.TestState.AdditionalFiles.Add(("NoFsScope.txt", config));
        return test.RunAsync();
    }

    [Fact]
    public async Task Listed_writeback_method_and_its_overrides_are_callbacks()
    {
        await VerifyAsync(
            """
            class MyAops : Vendor.Fs.Aops
            {
                public override void WritePage(int page) => {|NOFS001:Vendor.Fs.Slab.Alloc(page)|};
                public override void Submit(int bio) => {|NOFS001:Vendor.Fs.Slab.AllocAll()|};
            }
            """,
            """
            # vendor writeback entry points
            writeback M:Vendor.Fs.Aops.WritePage(System.Int32)
            io M:Vendor.Fs.Aops.Submit

            allocator M:Vendor.Fs.Slab.Alloc
            allocator M:Vendor.Fs.Slab.AllocAll
            """);
    }

    [Fact]
    public async Task Overload_list_and_type_entries()
    {
        await VerifyAsync(
            """
            class MyAops : Vendor.Fs.Aops
            {
                public override void WritePage(int page)
                {
                    {|NOFS001:Vendor.Fs.Slab.Alloc(page)|};
                    {|NOFS001:Vendor.Fs.Slab.Alloc(page, 8)|};
                    Vendor.Fs.Slab.AllocAll();
                    var arena = {|NOFS001:new Vendor.Fs.Arena(4)|};
                    {|NOFS001:arena.Take()|};
                    {|NOFS001:Vendor.Fs.Arena.Count()|};
                }
            }
            """,
            """
            writeback M:Vendor.Fs.Aops.WritePage
            allocator M:Vendor.Fs.Slab.Alloc
            allocator T:Vendor.Fs.Arena
            """);
    }

    [Fact]
    public async Task Exact_overload_entry_matches_only_that_overload()
    {
        await VerifyAsync(
            """
            class MyAops : Vendor.Fs.Aops
            {
                public override void WritePage(int page)
                {
                    {|NOFS001:Vendor.Fs.Slab.Alloc(page, 8)|};
                    Vendor.Fs.Slab.Alloc(page);
                }
            }
            """,
            """
            writeback M:Vendor.Fs.Aops.WritePage(System.Int32)
            allocator M:Vendor.Fs.Slab.Alloc(System.Int32,System.Int32)
            """);
    }

    [Fact]
    public async Task Without_configuration_nothing_in_third_party_code_is_known()
    {
        await Verify.VerifyAsync("""
            class MyAops : Vendor.Fs.Aops
            {
                public override void WritePage(int page) => Vendor.Fs.Slab.Alloc(page);
            }
            """ + ThirdParty);
    }

    [Fact]
    public async Task Scoped_configured_allocation_is_clean_and_bad_lines_do_not_stop_good_ones()
    {
        await VerifyAsync(
            """
            class MyAops : Vendor.Fs.Aops
            {
                public override void WritePage(int page)
                {
                    using (Memalloc.NoFsScope.Enter()) Vendor.Fs.Slab.Alloc(page);
                    {|NOFS001:Vendor.Fs.Slab.Alloc(page)|};
                }
            }
            """,
            """
            writeback M:Vendor.Fs.Aops.WritePage
            bogus line here
            allocator M:Vendor.Fs.Slab.Alloc
            """);
    }
}
