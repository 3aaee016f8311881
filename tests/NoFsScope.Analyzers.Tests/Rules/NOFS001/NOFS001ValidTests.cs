using System.Threading.Tasks;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>Code NOFS001 must leave alone. Each case is a near-twin of a flagged case in NOFS001DiagnosticsTests.</summary>
public sealed class NOFS001ValidTests
{
    private static Task VerifyAsync(string source) => Verify.VerifyAsync(source + EngineSource.Code);

    [Fact]
    public async Task Using_statement_declaration_and_nested_scopes()
    {
        await VerifyAsync("""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                        using (NoFsScope.Enter())
                        {
                            pool.Grow();
                        }
                        pool.Rent();
                    }
                    using (var scope = NoIoScope.Enter()) pool.Rent();
                    using (NoReclaimScope.Enter()) { pool.Grow(); }
                    using (MemallocScope.Enter(MemallocFlags.NoFs | MemallocFlags.NoReclaim)) { pool.Rent(); }
                    using var s = NoFsScope.Enter();
                    pool.Rent();
                    _ = new Buffer(3);
                }
            }
            """);
    }

    [Fact]
    public async Task Save_restore_in_try_finally()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    var saved = MemallocContext.Save(MemallocFlags.NoFs);
                    try
                    {
                        pool.Rent();
                    }
                    finally
                    {
                        pool.Grow();
                        MemallocContext.Restore(saved);
                    }
                }

                [WritebackCallback]
                void Assigned(Pool pool)
                {
                    MemallocFlags saved;
                    saved = MemallocContext.Save(MemallocFlags.NoIo);
                    pool.Rent();
                    MemallocContext.Restore(saved);
                }
            }
            """);
    }

    [Theory]
    [InlineData("pool.Rent(AllocFlags.NoFs)")]
    [InlineData("pool.Rent(AllocFlags.NoIo)")]
    [InlineData("pool.Rent(AllocFlags.NoWait)")]
    [InlineData("pool.Rent(AllocFlags.None)")]
    [InlineData("pool.Rent(flags & ~AllocFlags.Fs)")]
    [InlineData("pool.Rent(~AllocFlags.Fs & flags)")]
    [InlineData("pool.Rent(AllocFlags.Fs)")]
    [InlineData("pool.Rent(MemallocContext.Effective(AllocFlags.NoFs))")]
    [InlineData("pool.Rent(flags == AllocFlags.None ? AllocFlags.NoFs : AllocFlags.NoIo)")]
    [InlineData("pool.RentArray<int>(4, AllocFlags.NoFs)")]
    [InlineData("new Buffer(4, AllocFlags.NoFs)")]
    [InlineData("new Buffer()")]
    [InlineData("pool.Peek()")]
    [InlineData("MemallocContext.Effective(flags)")]
    public async Task Requests_provably_without_filesystem_reclaim(string allocation)
    {
        await VerifyAsync($$"""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, AllocFlags flags)
                {
                    _ = {{allocation}};
                }
            }
            """);
    }

    [Fact]
    public async Task Methods_that_are_not_callbacks()
    {
        await VerifyAsync("""
            using Memalloc;
            class Reader
            {
                void Read(Pool pool) => pool.Rent();
                void Register() => Engine.Now(() => new Pool().Grow());
            }
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
                public void Helper(Pool pool) => pool.Rent();
            }
            """);
    }

    [Fact]
    public async Task Methods_named_like_an_interface_callback_that_do_not_implement_it()
    {
        // The interface member is implemented explicitly, or by another overload: these are not callbacks.
        await VerifyAsync("""
            using Memalloc;
            class ExplicitElsewhere : IWriteback
            {
                void IWriteback.WritePage(Pool pool) { }
                public void WritePage(Pool pool) => pool.Rent();
            }
            class OtherOverload : IWriteback
            {
                public void WritePage(Pool pool) { }
                public void WritePage(Pool pool, int pages) => pool.Rent();
            }
            class Generic : IWriteback<string>
            {
                public void Write(string item, Pool pool) { }
                public void Write(object item, Pool pool) => pool.Rent();
            }
            """);
    }

    [Fact]
    public async Task Deferred_lambdas_inherit_neither_scope_nor_callback_context()
    {
        await VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                private System.Action? _later;

                [WritebackCallback]
                void Flush(Pool pool)
                {
                    Task.Run(() => pool.Rent());
                    Task.Factory.StartNew(() => pool.Grow());
                    ThreadPool.QueueUserWorkItem(_ => pool.Rent());
                    new Thread(() => pool.Rent()).Start();
                    Task.CompletedTask.ContinueWith(_ => pool.Rent());
                    using var timer = new Timer(_ => pool.Rent(), null, 0, 0);
                    Engine.Later(() => pool.Grow());
                    _later = () => pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task Synchronous_lambdas_and_local_functions_inside_a_scope()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, List<int> pages)
                {
                    using (NoFsScope.Enter())
                    {
                        pages.ForEach(p => pool.Rent());
                        Engine.Now(() => pool.Grow());
                        Alloc(3);
                    }

                    void Alloc(int n)
                    {
                        pool.Rent();
                        if (n > 0) Alloc(n - 1);
                    }

                    void NeverCalled() => pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task Scope_inside_a_lambda_passed_to_a_callback_parameter()
    {
        await VerifyAsync("""
            using Memalloc;
            class Setup
            {
                void Register()
                {
                    Engine.OnWriteback(pool =>
                    {
                        using var scope = NoFsScope.Enter();
                        pool.Rent();
                    });
                    Engine.OnIo(pool =>
                    {
                        using (NoIoScope.Enter()) pool.Rent();
                    });
                    Engine.OnWriteback(Scoped);
                }

                static void Scoped(Pool pool)
                {
                    using (NoFsScope.Enter()) pool.Rent();
                }
            }
            """);
    }

    [Fact]
    public async Task Body_the_engine_invokes_under_a_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            interface IPageWriter
            {
                [WritebackCallback, InvokedUnderNoFsScope] void WritePage(Pool pool);
            }
            class Writer : IPageWriter
            {
                public void WritePage(Pool pool) => pool.Rent();
            }
            """);
    }

    [Fact]
    public async Task Io_callback_under_NoIo_or_NoReclaim_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            class Device : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
                public override void SubmitBio(Pool pool)
                {
                    using (NoIoScope.Enter()) pool.Rent();
                    using (NoReclaimScope.Enter()) pool.Rent();
                    pool.Rent(AllocFlags.NoIo);
                }
            }
            """);
    }

    [Fact]
    public async Task Allocation_in_finally_and_switch_inside_a_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, int mode)
                {
                    using var scope = NoFsScope.Enter();
                    try { pool.Rent(); }
                    finally { pool.Grow(); }
                    switch (mode)
                    {
                        case 0: pool.Rent(); break;
                        default: pool.Grow(); break;
                    }
                }

                [WritebackCallback]
                void Sections(Pool pool, int mode)
                {
                    switch (mode)
                    {
                        case 0:
                            using (var s = NoFsScope.Enter()) { pool.Rent(); }
                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Top_level_code_is_not_a_callback()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                var pool = new Pool();
                pool.Rent();
                Engine.OnWriteback(p => { using var s = NoFsScope.Enter(); p.Rent(); });
                """ + EngineSource.Code,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer()
    {
        // Compiler errors are not asserted here (their spans are the compiler's business); an analyzer
        // exception would surface as an unexpected AD0001 diagnostic and fail the test.
        var test = new Verify.Test
        {
            TestCode = """
                using Memalloc;
                class Flusher
                {
                    [WritebackCallback]
                    void Flush(Pool pool)
                    {
                        Undefined(pool);
                        pool.Missing(AllocFlags.Default);
                        using (NoFsScope.Enterr()) { }
                        _ = new Nope(1);
                        pool.Rent(flagz);
                        pool.Rent(AllocFlags.Defaul);
                    }

                    [WritebackCallback]
                    void Unfinished(Pool pool) => pool.
                }
                """ + EngineSource.Code,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Flags_followed_through_locals_parameters_readonly_fields_and_switch_expressions()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                private static readonly AllocFlags MetadataGfp = AllocFlags.NoFs;

                [WritebackCallback]
                void Flush(Pool pool, AllocFlags gfp, int mode)
                {
                    AllocFlags local = mode == 0 ? AllocFlags.NoFs : AllocFlags.NoWait;
                    pool.Rent(local);
                    gfp &= ~AllocFlags.Fs;
                    pool.Rent(gfp);
                    pool.Rent(MetadataGfp);
                    pool.Rent(mode switch { 0 => AllocFlags.NoFs, 1 => throw new System.ArgumentException(), _ => AllocFlags.NoIo });
                    var narrowed = AllocFlags.Default;
                    narrowed = AllocFlags.NoFs;
                    pool.Rent(narrowed);
                }
            }
            """);
    }

    [Fact]
    public async Task Scope_forms_held_in_locals_helpers_and_early_exit_restores()
    {
        await VerifyAsync("""
            using System;
            using Memalloc;
            class Flusher
            {
                static NoFsScope EnterWriteback() => NoFsScope.Enter();

                [WritebackCallback]
                bool Flush(Pool pool, bool missing)
                {
                    MemallocFlags saved = MemallocContext.Save(MemallocFlags.NoFs);
                    if (missing)
                    {
                        MemallocContext.Restore(saved);
                        return false;
                    }

                    pool.Rent();
                    MemallocContext.Restore(saved);
                    return true;
                }

                [WritebackCallback]
                void Helper(Pool pool)
                {
                    using var scope = EnterWriteback();
                    pool.Rent();
                }

                [WritebackCallback]
                void Explicit(Pool pool)
                {
                    var scope = NoFsScope.Enter();
                    try { pool.Rent(); }
                    finally { scope.Dispose(); }
                }

                [WritebackCallback]
                void DelegateLocal(Pool pool)
                {
                    Func<int, byte[]> rent = n => pool.Rent();
                    using var scope = NoFsScope.Enter();
                    rent(1);
                }
            }
            """);
    }

    [Fact]
    public async Task Code_marked_generated_is_not_analyzed()
    {
        // A twin of a flagged callback, declared in a [GeneratedCode] type: the user cannot fix generated code.
        await VerifyAsync("""
            using Memalloc;
            [System.CodeDom.Compiler.GeneratedCode("engine-gen", "1.0")]
            class GeneratedAops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    pool.Rent();
                    _ = new Buffer(3);
                }
            }
            """);
    }

    [Fact]
    public async Task Collections_of_flags_store_and_look_up_they_do_not_allocate_with_them()
    {
        // Near-twin of A_delegate_that_takes_flags_is_an_allocator: the type argument is AllocFlags,
        // the declared parameter is T.
        await VerifyAsync("""
            using System.Collections.Generic;
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                private readonly Dictionary<AllocFlags, int> _seen = new();
                private readonly HashSet<AllocFlags> _known = new();

                public override void WritePages(Pool pool)
                {
                    var history = new List<AllocFlags>();
                    history.Add(AllocFlags.Default);
                    _known.Contains(AllocFlags.Default);
                    _seen.TryGetValue(AllocFlags.Default, out int count);
                    _ = EqualityComparer<AllocFlags>.Default.Equals(AllocFlags.Default, AllocFlags.NoFs);
                }
            }
            """);
    }
}
