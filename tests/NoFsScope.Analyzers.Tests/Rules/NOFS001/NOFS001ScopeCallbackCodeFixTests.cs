using System.Threading.Tasks;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>"Scope the whole callback": one <c>using var</c> scope at the top of the callback, however many diagnostics it has.</summary>
public sealed class NOFS001ScopeCallbackCodeFixTests
{
    private static Task VerifyAsync(string source, string fixedSource) =>
        Verify.VerifyAsync(source + EngineSource.Code, fixedSource + EngineSource.Code, NOFS001ScopeCodeFix.ScopeCallbackKey);

    [Fact]
    public async Task One_declaration_covers_every_allocation_of_the_callback()
    {
        await VerifyAsync("""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    // start writeback
                    {|NOFS001:pool.Rent()|};
                    if (pool.Peek().Length == 0)
                    {
                        {|NOFS001:pool.Grow()|};
                    }
                }
            }
            """, """
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    using var scope = NoFsScope.Enter();
                    // start writeback
                    pool.Rent();
                    if (pool.Peek().Length == 0)
                    {
                        pool.Grow();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Picks_a_name_that_does_not_clash()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                private int scope;

                [WritebackCallback]
                void Flush(Pool pool, int scope1)
                {
                    {|NOFS001:pool.Rent()|};
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                private int scope;

                [WritebackCallback]
                void Flush(Pool pool, int scope1)
                {
                    using var scope2 = NoFsScope.Enter();
                    pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task Expression_bodies_become_blocks()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                byte[] Take(Pool pool) => {|NOFS001:pool.Rent()|};

                void Register() => Engine.OnIo(p => {|NOFS001:p.Rent()|});
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                byte[] Take(Pool pool)
                {
                    using var scope = NoFsScope.Enter();
                    return pool.Rent();
                }

                void Register() => Engine.OnIo(p =>
                {
                    using var scope = NoIoScope.Enter();
                    p.Rent();
                });
            }
            """);
    }

    [Fact]
    public async Task Allocation_in_a_local_function_is_covered_from_the_callback_top()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    Alloc();
                    void Alloc() => {|NOFS001:pool.Rent()|};
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    using var scope = NoFsScope.Enter();
                    Alloc();
                    void Alloc() => pool.Rent();
                }
            }
            """);
    }
}
