using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer, NoFsScope.CodeFixes.NOFS003AddMayReclaimCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS003;

public sealed class NOFS003Tests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Unmarked(int location, string method, string path) =>
        Verify.Test.Diagnostic(Descriptors.Descriptors.NOFS003).WithLocation(location).WithArguments(method, path)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public async Task Public_and_protected_methods_that_reach_an_allocation_get_the_attribute()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                public class Journal
                {
                    private readonly Pool _pool = new();
                    public void {|#0:Append|}() => Grow();
                    protected void {|#1:Reserve|}() => _pool.Grow();
                    private void Grow() => _pool.Rent();
                    internal void Internal() => Grow();
                    public void Scoped() { using (NoFsScope.Enter()) Grow(); }
                    public void Flagged() => _pool.Rent(AllocFlags.NoFs);
                    [MayReclaim] public void Marked() => Grow();
                    public void Takes(AllocFlags flags) => _pool.Rent(flags);
                }
                internal class Hidden
                {
                    public void Append() => new Pool().Rent();
                }
                """ + EngineSource.Code,
            FixedCode = """
                using Memalloc;
                public class Journal
                {
                    private readonly Pool _pool = new();

                    [MayReclaim]
                    public void Append() => Grow();
                    [MayReclaim]
                    protected void Reserve() => _pool.Grow();
                    private void Grow() => _pool.Rent();
                    internal void Internal() => Grow();
                    public void Scoped() { using (NoFsScope.Enter()) Grow(); }
                    public void Flagged() => _pool.Rent(AllocFlags.NoFs);
                    [MayReclaim] public void Marked() => Grow();
                    public void Takes(AllocFlags flags) => _pool.Rent(flags);
                }
                internal class Hidden
                {
                    public void Append() => new Pool().Rent();
                }
                """ + EngineSource.Code,
        };
        test.ExpectedDiagnostics.Add(Unmarked(0, "Journal.Append", "'Journal.Grow' → 'Pool.Rent(AllocFlags)'"));
        test.ExpectedDiagnostics.Add(Unmarked(1, "Journal.Reserve", "'Pool.Grow()'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Applications_and_callbacks_are_not_reported()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                public class Aops : AddressSpaceOperations
                {
                    public override void WritePages(Pool pool) { }
                    public void Helper() => new Pool().Rent();
                }
                public static class Program { public static void Main() { } }
                """ + EngineSource.Code,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Theory]
    [InlineData(3, "'Chain.M1' → 'Chain.M2' → 'Pool.Rent(AllocFlags)'")]
    [InlineData(8, "'Chain.M1' → 'Chain.M2' → 'Chain.M3' → 'Chain.M4' → 'Chain.M5' → 'Chain.M6' → 'Chain.M7' → 'Pool.Rent(AllocFlags)'")]
    [InlineData(9, "'Chain.M1' → 'Chain.M2' → 'Chain.M3' → 'Chain.M4' → … 1 more … → 'Chain.M6' → 'Chain.M7' → 'Chain.M8' → 'Pool.Rent(AllocFlags)'")]
    [InlineData(40, "'Chain.M1' → 'Chain.M2' → 'Chain.M3' → 'Chain.M4' → … 32 more … → 'Chain.M37' → 'Chain.M38' → 'Chain.M39' → 'Pool.Rent(AllocFlags)'")]
    public async Task Long_paths_are_shortened_in_the_middle_with_the_right_count(int length, string path)
    {
        // Only M0 is visible outside the assembly; the path starts after it.
        var code = new System.Text.StringBuilder("public static class Chain\n{\n");
        for (int i = 0; i < length; i++)
        {
            string visibility = i == 0 ? "public" : "internal";
            string name = i == 0 ? "{|#0:M0|}" : "M" + i;
            code.Append($"    {visibility} static void {name}(Pool p) {{ {(i == length - 1 ? "p.Rent();" : $"M{i + 1}(p);")} }}\n");
        }

        var test = new Verify.Test { TestCode = code + "}\n" + EngineSource.Code };
        test.ExpectedDiagnostics.Add(Unmarked(0, "Chain.M0", path));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("NOFS002")]
    [InlineData("NOFS003")]
    public async Task A_rule_switched_off_in_editorconfig_leaves_the_other_on(string off)
    {
        // The analyzer skips the work of a rule set to none; the other rule must not go with it.
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                public class Journal
                {
                    private readonly Pool _pool = new();
                    public void {|#0:Append|}() => _pool.Rent();
                }
                public sealed class Aops : AddressSpaceOperations
                {
                    private readonly Journal _journal = new();
                    public override void WritePages(Pool pool) => {|#1:_journal.Append()|};
                }
                """ + EngineSource.Code,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n[*]\ndotnet_diagnostic.{off}.severity = none\n"));
        test.ExpectedDiagnostics.Add(off == "NOFS002"
            ? Unmarked(0, "Journal.Append", "'Pool.Rent(AllocFlags)'")
            : Verify.Test.Diagnostic(Descriptors.Descriptors.NOFS002Writeback).WithLocation(1)
                .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("'Aops.WritePages' → 'Journal.Append' → 'Pool.Rent(AllocFlags)'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_file_section_default_beats_a_global_none()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                public class Journal
                {
                    private readonly Pool _pool = new();
                    public void {|#0:Append|}() => _pool.Rent();
                }
                """ + EngineSource.Code,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.NOFS003.severity = none\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.NOFS003.severity = default\n"));
        test.ExpectedDiagnostics.Add(Unmarked(0, "Journal.Append", "'Pool.Rent(AllocFlags)'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task NOFS002_off_where_a_method_group_is_declared_still_reports_where_it_is_registered()
    {
        // NOFS002 and NOFS003 share one analyzer (and one switch per rule), so both rules' switch tests live here.
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Register.cs", """
                        using Memalloc;
                        static class Registration
                        {
                            static void Register() => Engine.OnWriteback({|#0:Helpers.Flush|});
                        }
                        """ + EngineSource.Code),
                    ("/0/Helpers.cs", """
                        static class Helpers
                        {
                            internal static void Flush(Pool pool) => Journal.Append(pool);
                        }
                        static class Journal
                        {
                            internal static void Append(Pool pool) => pool.Rent();
                        }
                        """),
                },
                AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[Helpers.cs]\ndotnet_diagnostic.NOFS002.severity = none\n") },
            },
        };
        test.ExpectedDiagnostics.Add(Verify.Test.Diagnostic(Descriptors.Descriptors.NOFS002Writeback).WithLocation(0)
            .WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("'Helpers.Flush' → 'Journal.Append' → 'Pool.Rent(AllocFlags)'"));
        await test.RunAsync();
    }
}
