using System.Threading.Tasks;
using NoFsScope.Analyzers.Tests.Rules.NOFS001;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Discipline.NOFS010ScopeNotReleasedAnalyzer, NoFsScope.CodeFixes.NOFS010AddUsingCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS010;

public sealed class NOFS010Tests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Reported(int location, string message) =>
        Verify.Test.Diagnostic(Descriptors.Descriptors.NOFS010).WithLocation(location).WithArguments(message);

    [Fact]
    public async Task Scopes_not_disposed_on_every_path_get_using()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                class Flusher
                {
                    void Flush(Pool pool)
                    {
                        {|#0:NoFsScope.Enter()|};
                        pool.Rent();
                        var held = {|#1:NoIoScope.Enter()|};
                        pool.Rent();
                        held.Dispose();
                        NoReclaimScope later;
                        later = {|#2:NoReclaimScope.Enter()|};
                        later.Dispose();
                    }
                }
                """ + EngineSource.Code,
            FixedCode = """
                using Memalloc;
                class Flusher
                {
                    void Flush(Pool pool)
                    {
                        using var scope = NoFsScope.Enter();
                        pool.Rent();
                        using var held = NoIoScope.Enter();
                        pool.Rent();
                        held.Dispose();
                        NoReclaimScope later;
                        later = {|#2:NoReclaimScope.Enter()|};
                        later.Dispose();
                    }
                }
                """ + EngineSource.Code,
        };
        test.ExpectedDiagnostics.Add(Reported(0, "The NoFsScope entered here is discarded, so it is never disposed and its flags stay set; enter it with 'using'"));
        test.ExpectedDiagnostics.Add(Reported(1, "The NoIoScope in 'held' is not disposed on every path (an exception skips a plain Dispose call); declare it with 'using' or dispose it in a finally block"));
        var assigned = Reported(2, "The NoReclaimScope assigned to 'later' is not disposed on every path (an exception skips a plain Dispose call); declare it with 'using' or dispose it in a finally block");
        test.ExpectedDiagnostics.Add(assigned);
        test.FixedState.ExpectedDiagnostics.Add(assigned);
        await test.RunAsync();
    }

    [Fact]
    public async Task Save_tokens_discarded_unprotected_unrestored_fields_and_out_of_order()
    {
        string source = """
                using Memalloc;
                class Flusher
                {
                    void Flush(Pool pool)
                    {
                        {|#0:MemallocContext.Save(MemallocFlags.NoFs)|};
                        var plain = {|#1:MemallocContext.Save(MemallocFlags.NoFs)|};
                        pool.Rent();
                        MemallocContext.Restore(plain);
                    }

                    void Nested(Pool pool)
                    {
                        var outer = MemallocContext.Save(MemallocFlags.NoFs);
                        try
                        {
                            var inner = MemallocContext.Save(MemallocFlags.NoIo);
                            try
                            {
                                {|#2:MemallocContext.Restore(outer)|};
                            }
                            finally
                            {
                                MemallocContext.Restore(inner);
                            }
                        }
                        finally
                        {
                            MemallocContext.Restore(outer);
                        }
                    }
                }
                class LeakyTransaction
                {
                    private MemallocFlags _pflags;
                    public void Begin() => _pflags = {|#3:MemallocContext.Save(MemallocFlags.NoFs)|};
                }
                """ + EngineSource.Code;

        // No "Add using" applies to Save tokens: the fixed state keeps every diagnostic.
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Reported(0, "The token MemallocContext.Save returns is discarded, so the flags are never restored; keep it and call MemallocContext.Restore in a finally block, or use a scope"));
        test.ExpectedDiagnostics.Add(Reported(1, "The token in 'plain' is not restored on every path (an exception skips a plain Restore call); restore it in a finally block, or use a scope"));
        test.ExpectedDiagnostics.Add(Reported(2, "'outer' is restored while 'inner', saved after it, is still active; restore in the reverse order of saving"));
        test.ExpectedDiagnostics.Add(Reported(3, "The token saved in field '_pflags' is not restored by a Dispose, DisposeAsync, Commit, Complete, Cancel or Abort method of 'LeakyTransaction'; restore it there (the XFS transaction pattern)"));
        test.FixedState.ExpectedDiagnostics.AddRange(test.ExpectedDiagnostics);
        await test.RunAsync();
    }

    [Fact]
    public async Task Disciplined_forms_are_clean()
    {
        string source = """
            using System;
            using Memalloc;
            class Flusher
            {
                static NoFsScope EnterWriteback() => NoFsScope.Enter();

                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter()) pool.Rent();
                    using (var s = MemallocScope.Enter(MemallocFlags.NoFs)) pool.Rent();
                    using var scope = EnterWriteback();
                    var explicitScope = NoIoScope.Enter();
                    try { pool.Rent(); }
                    finally { explicitScope.Dispose(); }

                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try { pool.Rent(); }
                    finally { MemallocContext.Restore(saved); }

                    MemallocFlags late = MemallocFlags.None;
                    try
                    {
                        late = MemallocContext.Save(MemallocFlags.NoIo);
                        pool.Rent();
                    }
                    finally
                    {
                        MemallocContext.Restore(late);
                    }
                }
            }
            sealed class Transaction : IDisposable
            {
                private readonly MemallocFlags _pflags = MemallocContext.Save(MemallocFlags.NoFs);
                private MemallocFlags _commitFlags;
                public void Begin() => _commitFlags = MemallocContext.Save(MemallocFlags.NoFs);
                public void Commit() => MemallocContext.Restore(_commitFlags);
                public void Dispose() => MemallocContext.Restore(_pflags);
            }
            """ + EngineSource.Code;
        await Verify.VerifyAsync(source, source);
    }
}
