using System.Threading.Tasks;
using NoFsScope.Analyzers.Rules.Scopes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.AnalyzerVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>Code NOFS001 must flag.</summary>
public sealed class NOFS001DiagnosticsTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.VerifyAsync(source + EngineSource.Code, expected);

    [Fact]
    public async Task Message_names_allocation_and_callback()
    {
        await VerifyAsync("""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    {|#0:pool.Rent(AllocFlags.Default)|};
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithArguments("Pool.Rent(AllocFlags)", "Aops.WritePages"));
    }

    [Fact]
    public async Task Lambdas_passed_to_lookalikes_of_the_deferring_framework_types_run_now()
    {
        // Only System.Threading's ThreadPool/Thread/Timer and System.Threading.Tasks' Task/TaskFactory defer:
        // the engine's own types of the same names, and nested ones, run the lambda before returning.
        await VerifyAsync("""
            using System;
            using Memalloc;
            namespace Store.Threading
            {
                static class ThreadPool { public static void QueueUserWorkItem(Action<object?> work) => work(null); }
                sealed class Thread { public Thread(Action work) => work(); }
                static class Task { public static void Run(Action work) => work(); }
                class Flusher
                {
                    [WritebackCallback]
                    void Flush(Pool pool)
                    {
                        ThreadPool.QueueUserWorkItem(_ => {|NOFS001:pool.Rent()|});
                        new Thread(() => {|NOFS001:pool.Rent()|});
                        Task.Run(() => {|NOFS001:pool.Rent()|});
                        System.Threading.Tasks.Outer.Task.Run(() => {|NOFS001:pool.Rent()|});
                    }
                }
            }
            namespace System.Threading.Tasks
            {
                static class Outer { public static class Task { public static void Run(Action work) => work(); } }
            }
            """);
    }

    [Fact]
    public async Task Attributed_method_calling_a_MayReclaim_method()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool) => {|#0:pool.Grow()|};
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithArguments("Pool.Grow()", "Flusher.Flush"));
    }

    [Theory]
    [InlineData("pool.Rent()")]
    [InlineData("pool.Rent(AllocFlags.Default)")]
    [InlineData("pool.Rent(AllocFlags.Fs | AllocFlags.DirectReclaim)")]
    [InlineData("pool.Rent(flags)")]
    [InlineData("pool.Rent(flags & ~AllocFlags.Io)")]
    [InlineData("pool.Rent(MemallocContext.Effective(flags))")]
    [InlineData("pool.Rent(flags == AllocFlags.None ? AllocFlags.NoFs : AllocFlags.Default)")]
    [InlineData("pool.RentArray<int>(4, flags)")]
    [InlineData("new Buffer(4)")]
    [InlineData("new Buffer(4, AllocFlags.Default)")]
    public async Task Flags_that_may_carry_Fs_are_reclaim_capable(string allocation)
    {
        await VerifyAsync($$"""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, AllocFlags flags)
                {
                    _ = {|NOFS001:{{allocation}}|};
                }
            }
            """);
    }

    [Fact]
    public async Task Override_two_levels_below_the_attributed_member()
    {
        await VerifyAsync("""
            class Middle : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
            }
            sealed class Leaf : Middle
            {
                public override void WritePages(Pool pool) => {|NOFS001:pool.Rent()|};
            }
            """);
    }

    [Fact]
    public async Task Implicit_explicit_and_generic_interface_implementations()
    {
        await VerifyAsync("""
            class Implicit : IWriteback
            {
                public void WritePage(Pool pool) => {|NOFS001:pool.Rent()|};
            }
            class Explicit : IWriteback
            {
                void IWriteback.WritePage(Pool pool) => {|NOFS001:pool.Grow()|};
            }
            class Generic : IWriteback<string>
            {
                public void Write(string item, Pool pool) => {|NOFS001:pool.Rent()|};
            }
            class Open<T> : IWriteback<T>
            {
                public void Write(T item, Pool pool) => {|NOFS001:pool.RentArray<T>(1, Memalloc.AllocFlags.Default)|};
            }
            """);
    }

    [Fact]
    public async Task Lambda_and_anonymous_method_passed_to_a_callback_parameter()
    {
        await VerifyAsync("""
            class Setup
            {
                void Register()
                {
                    Engine.OnWriteback(pool => {|#0:pool.Rent()|});
                    Engine.OnWriteback(static pool => {|#1:pool.Grow()|});
                    Engine.OnWriteback(delegate (Pool pool) { {|#2:pool.Rent()|}; });
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithArguments("Pool.Rent(AllocFlags)", "lambda passed to Engine.OnWriteback"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(1).WithArguments("Pool.Grow()", "lambda passed to Engine.OnWriteback"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(2).WithArguments("Pool.Rent(AllocFlags)", "lambda passed to Engine.OnWriteback"));
    }

    [Fact]
    public async Task Method_group_passed_to_a_callback_parameter_is_reported_at_the_method_group()
    {
        await VerifyAsync("""
            class Setup
            {
                void Register() => Engine.OnWriteback({|#0:Flush|});

                static void Flush(Pool pool)
                {
                    {|#1:pool.Rent()|};
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithLocation(1).WithArguments("Pool.Rent(AllocFlags)", "Setup.Flush"));
    }

    [Fact]
    public async Task Io_callback_needs_more_than_a_NoFs_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            class Device : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
                public override void SubmitBio(Pool pool)
                {
                    using var scope = NoFsScope.Enter();
                    {|#0:pool.Rent()|};
                    {|#1:pool.Rent(AllocFlags.NoFs)|};
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Io).WithLocation(0).WithArguments("Pool.Rent(AllocFlags)", "Device.SubmitBio"),
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Io).WithLocation(1).WithArguments("Pool.Rent(AllocFlags)", "Device.SubmitBio"));
    }

    [Fact]
    public async Task Scope_that_ended_before_the_allocation()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }
                    {|NOFS001:pool.Rent()|};
                    {
                        using var inner = NoFsScope.Enter();
                        pool.Grow();
                    }
                    {|NOFS001:pool.Grow()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Allocation_after_Restore_in_finally()
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
                        pool.Rent();
                        MemallocContext.Restore(saved);
                        {|NOFS001:pool.Rent()|};
                    }
                    {|NOFS001:pool.Grow()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Switch_sections_and_embedded_statements()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, int mode)
                {
                    switch (mode)
                    {
                        case 0:
                            using (NoFsScope.Enter()) pool.Rent();
                            break;
                        case 1:
                            {|NOFS001:pool.Rent()|};
                            break;
                    }
                    if (mode > 2) {|NOFS001:pool.Grow()|}; else if (mode > 3) {|NOFS001:pool.Grow()|};
                    for (var b = {|NOFS001:pool.Rent()|}; b.Length > 0; b = {|NOFS001:pool.Rent()|}) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Property_indexer_and_constructor_callbacks()
    {
        await VerifyAsync("""
            using Memalloc;
            class Page
            {
                private readonly Pool _pool = new();
                public byte[] Data
                {
                    [WritebackCallback] get => {|NOFS001:_pool.Rent()|};
                }
                public byte[] this[int i]
                {
                    [WritebackCallback] get { return {|NOFS001:_pool.Grow()|}; }
                }
                [WritebackCallback]
                public Page(Pool pool) { _ = {|NOFS001:new Buffer(1)|}; }
            }
            """);
    }

    [Fact]
    public async Task Partial_method_record_and_generic_base()
    {
        await VerifyAsync("""
            using Memalloc;
            partial class Parts
            {
                [WritebackCallback] partial void Flush(Pool pool);
            }
            partial class Parts
            {
                partial void Flush(Pool pool) => {|NOFS001:pool.Rent()|};
            }
            record Journal(Pool Pool)
            {
                [WritebackCallback] public void Commit() => {|NOFS001:Pool.Grow()|};
            }
            abstract class Base<T>
            {
                [WritebackCallback] public abstract void Write(T item, Pool pool);
            }
            class Derived : Base<int>
            {
                public override void Write(int item, Pool pool) => {|NOFS001:pool.Rent()|};
            }
            """);
    }

    [Fact]
    public async Task Local_function_called_outside_the_scope_even_once()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        Alloc();
                    }
                    Alloc();

                    void Alloc() => {|NOFS001:pool.Rent()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Synchronous_lambda_and_async_callback()
    {
        await VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, List<int> pages)
                {
                    pages.ForEach(p => {|NOFS001:pool.Rent()|});
                    Engine.Now(() => {|NOFS001:pool.Grow()|});
                    System.Action local = () => {|NOFS001:pool.Rent()|};
                    local();
                }

                [WritebackCallback]
                async Task FlushAsync(Pool pool)
                {
                    await Task.Yield();
                    {|NOFS001:pool.Rent()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Memalloc_scope_with_flags_the_analyzer_cannot_prove()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, MemallocFlags flags)
                {
                    using (MemallocScope.Enter(flags))
                    {
                        {|NOFS001:pool.Rent()|};
                    }
                    using (MemallocScope.Enter(MemallocFlags.None))
                    {
                        {|NOFS001:pool.Rent()|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Engine_declares_its_own_attribute_copies_in_another_namespace()
    {
        await VerifyAsync("""
            namespace MyEngine
            {
                [System.AttributeUsage(System.AttributeTargets.Method)] sealed class WritebackCallbackAttribute : System.Attribute { }
                [System.AttributeUsage(System.AttributeTargets.Method)] sealed class MayReclaimAttribute : System.Attribute { }

                class Cache
                {
                    [MayReclaim] public static void Fill() { }
                }

                class Flusher
                {
                    [WritebackCallback] void Flush() => {|NOFS001:Cache.Fill()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Flow_and_delegate_locals_are_followed_both_ways()
    {
        await VerifyAsync("""
            using System;
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, AllocFlags gfp, bool c)
                {
                    var flags = AllocFlags.NoFs;
                    for (int i = 0; i < 2; i++)
                    {
                        {|NOFS001:pool.Rent(flags)|};
                        flags = AllocFlags.Default;
                    }

                    if (c) gfp &= ~AllocFlags.Fs;
                    {|NOFS001:pool.Rent(gfp)|};

                    Func<int, byte[]> rent = n => {|NOFS001:pool.Rent()|};
                    using (NoFsScope.Enter()) rent(1);
                    rent(2);

                    Func<int, byte[]> either = c ? n => {|NOFS001:pool.Rent()|} : n => {|NOFS001:pool.Grow()|};
                    either(1);
                }
            }
            """);
    }

    [Fact]
    public async Task Scope_local_disposed_before_the_allocation()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    var scope = NoFsScope.Enter();
                    pool.Rent();
                    scope.Dispose();
                    {|NOFS001:pool.Rent()|};
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_that_takes_flags_is_an_allocator()
    {
        await VerifyAsync("""
            using System;
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    Func<AllocFlags, byte[]> rent = pool.Rent;
                    {|#0:rent(AllocFlags.Default)|};
                    rent(AllocFlags.NoFs);
                }
            }
            """,
            Verify.Diagnostic(Descriptors.Descriptors.NOFS001Writeback).WithLocation(0).WithArguments("Func<AllocFlags, byte[]>.Invoke(AllocFlags)", "Aops.WritePages"));
    }
}
