using System.Threading.Tasks;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>"Wrap in NoFs scope": the smallest run of statements, widened only as far as the result must.</summary>
public sealed class NOFS001WrapCodeFixTests
{
    private const string Wrap = NOFS001ScopeCodeFix.WrapKey;

    private static Task VerifyAsync(string source, string fixedSource, string? batchFixedSource = null)
    {
        var test = new Verify.Test
        {
            TestCode = source + EngineSource.Code,
            FixedCode = fixedSource + EngineSource.Code,
            CodeActionEquivalenceKey = Wrap,
        };
        if (batchFixedSource is not null)
        {
            // Fixing one diagnostic at a time gives one scope per statement run; Fix All merges runs.
            test.BatchFixedCode = batchFixedSource + EngineSource.Code;
        }

        return test.RunAsync();
    }

    [Fact]
    public async Task Single_statement()
    {
        await VerifyAsync("""
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    pool.Peek();
                    // the bio buffer
                    {|NOFS001:pool.Rent()|}; // trailing note
                    pool.Peek();
                }
            }
            """, """
            using Memalloc;
            class Aops : AddressSpaceOperations
            {
                public override void WritePages(Pool pool)
                {
                    pool.Peek();
                    using (NoFsScope.Enter())
                    {
                        // the bio buffer
                        pool.Rent(); // trailing note
                    }
                    pool.Peek();
                }
            }
            """);
    }

    [Fact]
    public async Task Adjacent_flagged_statements_share_one_scope_and_a_declaration_used_later_widens_the_run()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    var a = {|NOFS001:pool.Rent()|};
                    System.Console.WriteLine(a.Length);
                    var b = {|NOFS001:pool.Grow()|};

                    System.Console.WriteLine(b.Length);
                    pool.Peek();
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        var a = pool.Rent();
                        System.Console.WriteLine(a.Length);
                    }
                    using (NoFsScope.Enter())
                    {
                        var b = pool.Grow();

                        System.Console.WriteLine(b.Length);
                    }
                    pool.Peek();
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        var a = pool.Rent();
                        System.Console.WriteLine(a.Length);
                        var b = pool.Grow();

                        System.Console.WriteLine(b.Length);
                    }
                    pool.Peek();
                }
            }
            """);
    }

    [Fact]
    public async Task Out_var_used_after_the_statement()
    {
        await VerifyAsync("""
            using Memalloc;
            static class Slab
            {
                [MayReclaim] public static bool TryAlloc(out byte[] buffer) { buffer = new byte[1]; return true; }
            }
            class Flusher
            {
                [WritebackCallback]
                int Flush()
                {
                    {|NOFS001:Slab.TryAlloc(out var buffer)|};
                    return buffer.Length;
                }
            }
            """, """
            using Memalloc;
            static class Slab
            {
                [MayReclaim] public static bool TryAlloc(out byte[] buffer) { buffer = new byte[1]; return true; }
            }
            class Flusher
            {
                [WritebackCallback]
                int Flush()
                {
                    using (NoFsScope.Enter())
                    {
                        Slab.TryAlloc(out var buffer);
                        return buffer.Length;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Embedded_statements_else_if_switch_sections_and_for_initialisers()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, int mode)
                {
                    if (mode == 0) {|NOFS001:pool.Rent()|};
                    else if (mode == 1) {|NOFS001:pool.Grow()|};
                    switch (mode)
                    {
                        case 2:
                            {|NOFS001:pool.Rent()|};
                            break;
                    }
                    for (var b = {|NOFS001:pool.Rent()|}; b.Length > 1; b = b[1..])
                    {
                    }
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, int mode)
                {
                    if (mode == 0)
                        using (NoFsScope.Enter())
                        {
                            pool.Rent();
                        }
                    else if (mode == 1)
                        using (NoFsScope.Enter())
                        {
                            pool.Grow();
                        }
                    switch (mode)
                    {
                        case 2:
                            using (NoFsScope.Enter())
                            {
                                pool.Rent();
                            }
                            break;
                    }
                    using (NoFsScope.Enter())
                    {
                        for (var b = pool.Rent(); b.Length > 1; b = b[1..])
                        {
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Expression_bodied_method_property_and_callback_lambda()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool) => {|NOFS001:pool.Rent()|};

                [WritebackCallback]
                byte[] Take(Pool pool) => {|NOFS001:pool.Grow()|};

                void Register() => Engine.OnWriteback(p => {|NOFS001:p.Rent()|});
            }
            """, """
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
                }

                [WritebackCallback]
                byte[] Take(Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        return pool.Grow();
                    }
                }

                void Register() => Engine.OnWriteback(p =>
                {
                    using (NoFsScope.Enter())
                    {
                        p.Rent();
                    }
                });
            }
            """);
    }

    [Fact]
    public async Task Expression_bodied_property_overriding_a_callback_accessor()
    {
        await VerifyAsync("""
            using Memalloc;
            abstract class PageBase
            {
                public abstract byte[] Data { [WritebackCallback] get; }
            }
            class Page : PageBase
            {
                private readonly Pool _pool = new();
                public override byte[] Data => {|NOFS001:_pool.Rent()|};
            }
            """, """
            using Memalloc;
            abstract class PageBase
            {
                public abstract byte[] Data { [WritebackCallback] get; }
            }
            class Page : PageBase
            {
                private readonly Pool _pool = new();
                public override byte[] Data
                {
                    get
                    {
                        using (NoFsScope.Enter())
                        {
                            return _pool.Rent();
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Local_function_and_nested_blocks()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, bool deep)
                {
                    Alloc();
                    if (deep)
                    {
                        {
                            {|NOFS001:pool.Grow()|};
                        }
                    }

                    void Alloc() => {|NOFS001:pool.Rent()|};
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool, bool deep)
                {
                    Alloc();
                    if (deep)
                    {
                        {
                            using (NoFsScope.Enter())
                            {
                                pool.Grow();
                            }
                        }
                    }

                    void Alloc()
                    {
                        using (NoFsScope.Enter())
                        {
                            pool.Rent();
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task If_region_stays_around_the_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
            #if !NOFS_NEVER_DEFINED
                    {|NOFS001:pool.Rent()|};
            #endif
                    pool.Peek();
                }
            }
            """, """
            using Memalloc;
            class Flusher
            {
                [WritebackCallback]
                void Flush(Pool pool)
                {
            #if !NOFS_NEVER_DEFINED
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }
            #endif
                    pool.Peek();
                }
            }
            """);
    }

    [Fact]
    public async Task Io_callback_gets_a_NoIo_scope()
    {
        await VerifyAsync("""
            using Memalloc;
            class Device : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
                public override void SubmitBio(Pool pool)
                {
                    {|NOFS001:pool.Rent()|};
                }
            }
            """, """
            using Memalloc;
            class Device : AddressSpaceOperations
            {
                public override void WritePages(Pool pool) { }
                public override void SubmitBio(Pool pool)
                {
                    using (NoIoScope.Enter())
                    {
                        pool.Rent();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Adds_using_Memalloc_inside_a_file_scoped_namespace_file()
    {
        var test = new Verify.Test { CodeActionEquivalenceKey = Wrap };
        test.TestState.Sources.Add(("Flusher.cs", """
            namespace Storage.Fs;

            using System;

            class Flusher
            {
                [Memalloc.WritebackCallback]
                void Flush(global::Pool pool)
                {
                    {|NOFS001:pool.Rent()|};
                }
            }
            """));
        test.TestState.Sources.Add(("Engine.cs", EngineSource.Code));
        test.FixedState.Sources.Add(("Flusher.cs", """
            namespace Storage.Fs;

            using System;
            using Memalloc;

            class Flusher
            {
                [Memalloc.WritebackCallback]
                void Flush(global::Pool pool)
                {
                    using (NoFsScope.Enter())
                    {
                        pool.Rent();
                    }
                }
            }
            """));
        test.FixedState.Sources.Add(("Engine.cs", EngineSource.Code));
        await test.RunAsync();
    }
}
