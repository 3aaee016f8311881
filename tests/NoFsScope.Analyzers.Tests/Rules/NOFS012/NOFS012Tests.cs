using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Migration.NOFS012LegacyNoFsFlagAnalyzer, NoFsScope.CodeFixes.NOFS012ScopeInsteadOfFlagCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS012;

public sealed class NOFS012Tests
{
    /// <summary>NOFS012 is off by default; the tests turn it on the way a user would.</summary>
    private const string EnableRule = """
        root = true

        [*.cs]
        dotnet_diagnostic.NOFS012.severity = suggestion
        """;

    [Fact]
    public async Task Legacy_flags_become_scopes_one_per_run_with_Fix_All()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                class Flusher
                {
                    [WritebackCallback]
                    void Flush(Pool pool)
                    {
                        pool.Rent({|NOFS012:AllocFlags.NoFs|});
                        pool.Peek();
                        pool.Rent({|NOFS012:AllocFlags.NoFs|});
                        using (NoFsScope.Enter()) pool.Rent(AllocFlags.NoFs);
                    }

                    void Submit(Pool pool) => pool.Rent({|NOFS012:AllocFlags.NoIo|});
                }
                """ + EngineSource.Code,
            FixedCode = """
                using Memalloc;
                class Flusher
                {
                    [WritebackCallback]
                    void Flush(Pool pool)
                    {
                        using (NoFsScope.Enter())
                        {
                            pool.Rent(AllocFlags.Default);
                        }
                        pool.Peek();
                        using (NoFsScope.Enter())
                        {
                            pool.Rent(AllocFlags.Default);
                        }
                        using (NoFsScope.Enter()) pool.Rent(AllocFlags.NoFs);
                    }

                    void Submit(Pool pool)
                    {
                        using (NoIoScope.Enter())
                        {
                            pool.Rent(AllocFlags.Default);
                        }
                    }
                }
                """ + EngineSource.Code,
            BatchFixedCode = """
                using Memalloc;
                class Flusher
                {
                    [WritebackCallback]
                    void Flush(Pool pool)
                    {
                        using (NoFsScope.Enter())
                        {
                            pool.Rent(AllocFlags.Default);
                            pool.Peek();
                            pool.Rent(AllocFlags.Default);
                        }
                        using (NoFsScope.Enter()) pool.Rent(AllocFlags.NoFs);
                    }

                    void Submit(Pool pool)
                    {
                        using (NoIoScope.Enter())
                        {
                            pool.Rent(AllocFlags.Default);
                        }
                    }
                }
                """ + EngineSource.Code,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EnableRule));
        await test.RunAsync();
    }

    [Fact]
    public async Task Off_by_default_in_a_real_compilation()
    {
        // The testing library enables every supported diagnostic, so this asks a plain compilation.
        Assert.False(Descriptors.Descriptors.NOFS012.IsEnabledByDefault);
        var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(new[]
        {
            """
            using Memalloc;
            class Flusher
            {
                void Flush(Pool pool) => pool.Rent(AllocFlags.NoFs);
            }
            """ + EngineSource.Code,
        });
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "NOFS012");
    }
}
