using System.Threading.Tasks;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>
/// Code inside <c>using (l.Acquire())</c> on a lock constructed reclaim-unsafe is under NoFs (the
/// runtime makes holding it imply NoFs); any lock the analyzer cannot prove reclaim-unsafe is not.
/// </summary>
public sealed class NOFS001ReclaimUnsafeLockTests
{
    private static Task VerifyAsync(string source) => Verify.VerifyAsync(source + EngineSource.Code);

    [Theory]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\", reclaimUnsafe: true);", "")]
    [InlineData("private readonly ReclaimAwareLock _lock = new ReclaimAwareLock(\"inode\", true);", "")]
    [InlineData("private static readonly ReclaimAwareLock _lock = new(\"inode\", reclaimUnsafe: true);", "")]
    [InlineData("private readonly ReclaimAwareLock _lock;", "public Aops(string name) { _lock = new ReclaimAwareLock(name, reclaimUnsafe: true); }")]
    [InlineData("private readonly ReclaimAwareLock _lock;", "public Aops() { this._lock = new(\"inode\", true); }")]
    public async Task Reclaim_unsafe_lock_covers_what_it_guards(string field, string constructor)
    {
        await VerifyAsync($$"""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                {{field}}
                {{constructor}}
                public override void WritePages(Pool pool)
                {
                    using (_lock.Acquire())
                    {
                        pool.Rent();
                    }

                    using var held = _lock.Acquire();
                    _ = new Buffer(3);
                }
            }
            """);
    }

    [Theory]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\");", "")]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\", reclaimUnsafe: false);", "")]
    [InlineData("private ReclaimAwareLock _lock = new(\"inode\", reclaimUnsafe: true);", "")]
    [InlineData("private readonly ReclaimAwareLock _lock = Locks.Make();", "")]
    [InlineData("private readonly ReclaimAwareLock _lock;", "public Aops(bool unsafeLock) { _lock = new ReclaimAwareLock(\"inode\", unsafeLock); }")]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\", true);", "public Aops() { _lock = new ReclaimAwareLock(\"inode\"); }")]
    [InlineData("private static readonly ReclaimAwareLock _lock = new(\"inode\", true);", "static Aops() { Aops._lock = new ReclaimAwareLock(\"inode\"); }")]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\", true);", "public Aops() { Init(out _lock); } static void Init(out ReclaimAwareLock l) => l = new(\"x\");")]
    [InlineData("private readonly ReclaimAwareLock _lock = new(\"inode\", true); private readonly int _n;", "public Aops() { (_lock, _n) = (new ReclaimAwareLock(\"x\"), 1); }")]
    public async Task Lock_not_provably_reclaim_unsafe_covers_nothing(string field, string constructor)
    {
        await VerifyAsync($$"""
            using Memalloc;
            static class Locks { public static ReclaimAwareLock Make() => new("inode", reclaimUnsafe: true); }
            class Aops : AddressSpaceOperations
            {
                {{field}}
                {{constructor}}
                public override void WritePages(Pool pool)
                {
                    using (_lock.Acquire())
                    {
                        {|NOFS001:pool.Rent()|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Lock_in_a_local_or_parameter_covers_nothing_and_the_region_ends_with_the_using()
    {
        await VerifyAsync("""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                private readonly ReclaimAwareLock _lock = new("inode", reclaimUnsafe: true);
                public override void WritePages(Pool pool)
                {
                    var local = new ReclaimAwareLock("local", reclaimUnsafe: true);
                    using (local.Acquire())
                    {
                        {|NOFS001:pool.Rent()|};
                    }

                    using (_lock.Acquire())
                    {
                        pool.Rent();
                    }

                    {|NOFS001:pool.Rent()|};
                }
            }
            """);
    }
}
