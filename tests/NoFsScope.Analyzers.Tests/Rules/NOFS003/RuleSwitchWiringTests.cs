using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer, NoFsScope.CodeFixes.NOFS003AddMayReclaimCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS003;

/// <summary>
/// NOFS002 and NOFS003 share one analyzer, which skips the work of a rule set to none
/// (<c>RuleSwitch</c>): the other rule, and a rule that is on after all, must not go with it.
/// </summary>
public sealed class RuleSwitchWiringTests
{
    private const string AllocatingJournal = """
        using Memalloc;
        public class Journal
        {
            private readonly Pool _pool = new();
            public void {|#0:Append|}() => _pool.Rent();
        }

        """;

    [Theory]
    [InlineData("NOFS002")]
    [InlineData("NOFS003")]
    public async Task A_rule_switched_off_in_editorconfig_leaves_the_other_on(string off)
    {
        // The analyzer skips the work of a rule set to none; the other rule must not go with it.
        var test = new Verify.Test
        {
            TestCode = AllocatingJournal + """
                public sealed class Aops : AddressSpaceOperations
                {
                    private readonly Journal _journal = new();
                    public override void WritePages(Pool pool) => {|#1:_journal.Append()|};
                }
                """ + EngineSource.Code,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", $"root = true\n[*]\ndotnet_diagnostic.{off}.severity = none\n"));
        test.ExpectedDiagnostics.Add(off == "NOFS002"
            ? NOFS003Tests.Unmarked(0, "Journal.Append", "'Pool.Rent(AllocFlags)'")
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
            TestCode = AllocatingJournal + EngineSource.Code,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.NOFS003.severity = none\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.NOFS003.severity = default\n"));
        test.ExpectedDiagnostics.Add(NOFS003Tests.Unmarked(0, "Journal.Append", "'Pool.Rent(AllocFlags)'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task NOFS002_off_where_a_method_group_is_declared_still_reports_where_it_is_registered()
    {
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
