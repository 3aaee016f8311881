using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Interprocedural.NOFS002NOFS003ReclaimThroughCallsAnalyzer, NoFsScope.CodeFixes.NOFS003AddMayReclaimCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS003;

public sealed class NOFS003Tests
{
    internal static Microsoft.CodeAnalysis.Testing.DiagnosticResult Unmarked(int location, string method, string path) =>
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
}
