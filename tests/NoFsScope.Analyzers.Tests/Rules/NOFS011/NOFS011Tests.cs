using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Migration.NOFS011RedundantNoFsFlagAnalyzer, NoFsScope.CodeFixes.NOFS011UseDefaultFlagsCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS011;

public sealed class NOFS011Tests
{
    [Fact]
    public async Task Redundant_flags_under_a_scope_become_Default_and_the_rest_stay()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    pool.Rent(AllocFlags.NoFs);
                    using (NoFsScope.Enter())
                    {
                        pool.Rent({|NOFS011:AllocFlags.NoFs|});
                        pool.Rent(AllocFlags.NoIo);
                        Task.Run(() => pool.Rent(AllocFlags.NoFs));
                    }
                    using (NoIoScope.Enter())
                    {
                        pool.Rent({|NOFS011:AllocFlags.NoIo|});
                        pool.Rent(flags: {|NOFS011:Memalloc.AllocFlags.NoFs|});
                    }
                }

                [InvokedUnderNoFsScope]
                void Promised(Pool pool) => pool.Rent({|NOFS011:AllocFlags.NoFs|});
            }
            """ + EngineSource.Code, """
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    pool.Rent(AllocFlags.NoFs);
                    using (NoFsScope.Enter())
                    {
                        pool.Rent(AllocFlags.Default);
                        pool.Rent(AllocFlags.NoIo);
                        Task.Run(() => pool.Rent(AllocFlags.NoFs));
                    }
                    using (NoIoScope.Enter())
                    {
                        pool.Rent(AllocFlags.Default);
                        pool.Rent(flags: Memalloc.AllocFlags.Default);
                    }
                }

                [InvokedUnderNoFsScope]
                void Promised(Pool pool) => pool.Rent(AllocFlags.Default);
            }
            """ + EngineSource.Code);
    }
}
