using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS013PromiseBrokenAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS013;

public sealed class NOFS013Tests
{
    private const string Writer = """

        public interface IPageWriter
        {
            [Memalloc.InvokedUnderNoFsScope] void WritePage(Pool pool);
        }
        public sealed class Writer : IPageWriter
        {
            public void WritePage(Pool pool) => pool.Rent();
        }
        """;

    [Fact]
    public async Task Unscoped_calls_are_wrapped_and_scoped_ones_are_left()
    {
        await Verify.VerifyAsync("""
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                void Flush(IPageWriter writer, Writer concrete, Pool pool)
                {
                    {|NOFS013:writer.WritePage(pool)|};
                    using (NoFsScope.Enter())
                    {
                        writer.WritePage(pool);
                        Task.Run(() => {|NOFS013:concrete.WritePage(pool)|});
                    }
                    using (NoIoScope.Enter()) concrete.WritePage(pool);
                    using (NoReclaimScope.Enter()) {|NOFS013:writer.WritePage(pool)|};
                }

                [InvokedUnderNoFsScope]
                void Chained(IPageWriter writer, Pool pool) => writer.WritePage(pool);
            }
            """ + Writer + EngineSource.Code, """
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                void Flush(IPageWriter writer, Writer concrete, Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        writer.WritePage(pool);
                    }
                    using (NoFsScope.Enter())
                    {
                        writer.WritePage(pool);
                        Task.Run(() =>
                        {
                            using (NoFsScope.Enter())
                            {
                                concrete.WritePage(pool);
                            }
                        });
                    }
                    using (NoIoScope.Enter()) concrete.WritePage(pool);
                    using (NoReclaimScope.Enter())
                    using (NoFsScope.Enter())
                    {
                        writer.WritePage(pool);
                    }
                }

                [InvokedUnderNoFsScope]
                void Chained(IPageWriter writer, Pool pool) => writer.WritePage(pool);
            }
            """ + Writer + EngineSource.Code, NOFS001ScopeCodeFix.WrapKey);
    }
}
