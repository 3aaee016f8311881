using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NoFsScope.Pathological;

/// <summary>
/// Inputs written to hurt an analyzer: sizes and depths far beyond real code, each shaped so the
/// NoFsScope rules have work to do (a writeback callback, reclaim-capable allocations, scopes).
/// Shared by the robustness tests (no crash, no hang) and the benchmarks (how long each takes);
/// tests/Shared is compiled into both projects. Every input is a list of (path, text) files that
/// compile with the NoFsScope runtime referenced and unsafe code allowed.
/// </summary>
public static class PathologicalInputs
{
    /// <summary>The names of all inputs, for theories and benchmark parameters.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        nameof(LongMethod),
        nameof(NestedBlocks),
        nameof(CallChain),
        nameof(NestedLambdas),
        nameof(HugeGenerics),
        nameof(UnsafeCode),
        nameof(PreprocessorMaze),
        nameof(GeneratedFile),
    };

    /// <summary>The path of the source-generated file in <see cref="GeneratedFile"/>.</summary>
    public const string GeneratedPath = "obj/Generated/Aops.g.cs";

    public static IReadOnlyList<(string Path, string Text)> Get(string name) => name switch
    {
        nameof(LongMethod) => LongMethod(),
        nameof(NestedBlocks) => NestedBlocks(),
        nameof(CallChain) => CallChain(),
        nameof(NestedLambdas) => NestedLambdas(),
        nameof(HugeGenerics) => HugeGenerics(),
        nameof(UnsafeCode) => UnsafeCode(),
        nameof(PreprocessorMaze) => PreprocessorMaze(),
        nameof(GeneratedFile) => GeneratedFile(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a pathological input"),
    };

    /// <summary>The pool, the callback base and a delegate runner every input builds on.</summary>
    public static (string Path, string Text) Engine { get; } = ("Engine.cs", """
        using Memalloc;

        namespace Patho;

        public sealed class Pool
        {
            [MayReclaim]
            public byte[] Rent() => new byte[16];
        }

        public abstract class Aops
        {
            [WritebackCallback]
            public abstract void WritePages(Pool pool);
        }

        public static class Run
        {
            public static void Now(System.Action action) => action();
        }
        """);

    /// <summary>A writeback callback whose body is one method of 50,000 statements, some allocating, some under a scope.</summary>
    public static IReadOnlyList<(string Path, string Text)> LongMethod(int lines = 50_000) =>
        Callback("LongMethod.cs", body =>
        {
            body.AppendLine("long sum = 0;");
            for (int i = 0; i < lines; i++)
            {
                body.AppendLine(
                    i % 1_000 == 0 ? "using (NoFsScope.Enter()) { sum += pool.Rent().Length; }"
                    : i % 100 == 0 ? "sum += pool.Rent().Length;"
                    : Invariant($"sum += {i} * (sum & 7);"));
            }
        });

    /// <summary>5,000 blocks nested in one another inside a writeback callback, an allocation in the innermost.</summary>
    public static IReadOnlyList<(string Path, string Text)> NestedBlocks(int depth = 5_000) =>
        Callback("NestedBlocks.cs", body =>
        {
            body.Append('{', depth).AppendLine();
            body.AppendLine("pool.Rent();");
            body.Append('}', depth).AppendLine();
        });

    /// <summary>A writeback callback that calls M0, which calls M1, … M9999, which allocates: a 10,000-method chain.</summary>
    public static IReadOnlyList<(string Path, string Text)> CallChain(int methods = 10_000)
    {
        var chain = new StringBuilder("namespace Patho;\n\npublic static class Chain\n{\n");
        for (int i = 0; i < methods - 1; i++)
        {
            chain.AppendLine(Invariant($"    public static int M{i}(Pool pool) => M{i + 1}(pool) + 1;"));
        }

        chain.AppendLine(Invariant($"    public static int M{methods - 1}(Pool pool) => pool.Rent().Length;"));
        chain.AppendLine("}");
        return Callback("ChainCallback.cs", body => body.AppendLine("Chain.M0(pool);"))
            .Append(("Chain.cs", chain.ToString()))
            .ToArray();
    }

    /// <summary>500 lambdas nested in one another, each run through a delegate parameter, an allocation in the innermost.</summary>
    public static IReadOnlyList<(string Path, string Text)> NestedLambdas(int depth = 500) =>
        Callback("NestedLambdas.cs", body =>
        {
            for (int i = 0; i < depth; i++)
            {
                body.Append("Run.Now(() => {");
            }

            body.AppendLine().AppendLine("pool.Rent();");
            for (int i = 0; i < depth; i++)
            {
                body.Append("});");
            }

            body.AppendLine();
        });

    /// <summary>
    /// Generic types nested 60 deep, a type with 40 type parameters, and a generic method that calls
    /// itself with an ever larger type argument (polymorphic recursion: its instantiations never end).
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> HugeGenerics(int nesting = 60, int arity = 40)
    {
        string nested = string.Concat(Enumerable.Repeat("Box<", nesting)) + "int" + new string('>', nesting);
        string parameters = string.Join(", ", Enumerable.Range(0, arity).Select(i => Invariant($"T{i}")));
        string arguments = string.Join(", ", Enumerable.Range(0, arity).Select(i => i % 2 == 0 ? "int" : "Box<string>"));
        string text = $$"""
            using System.Collections.Generic;

            namespace Patho;

            public sealed class Box<T>
            {
                public byte[] Fill(Pool pool) => pool.Rent();
            }

            public sealed class Wide<{{parameters}}>
            {
                public byte[] Fill(Pool pool) => new Box<T39>().Fill(pool);
            }

            public static class Grow
            {
                public static int Deeper<T>(Pool pool, int n) => n == 0 ? pool.Rent().Length : Deeper<List<T>>(pool, n - 1);
            }

            public sealed class GenericAops : Aops
            {
                public override void WritePages(Pool pool)
                {
                    new {{nested}}().Fill(pool);
                    new Wide<{{arguments}}>().Fill(pool);
                    Grow.Deeper<int>(pool, 10);
                }
            }
            """;
        return new[] { Engine, ("Generics.cs", text) };
    }

    /// <summary>Pointers, fixed, stackalloc, function pointers and unmanaged generics in and around a writeback callback.</summary>
    public static IReadOnlyList<(string Path, string Text)> UnsafeCode() =>
        new[]
        {
            Engine,
            ("Unsafe.cs", """
                using Memalloc;

                namespace Patho;

                public unsafe struct Header
                {
                    public fixed byte Magic[8];
                    public Header* Next;
                }

                public sealed unsafe class UnsafeAops : Aops
                {
                    private static int Copy(byte* to, byte* from, int n) { for (int i = 0; i < n; i++) to[i] = from[i]; return n; }

                    private static T Read<T>(void* p) where T : unmanaged => *(T*)p;

                    public override void WritePages(Pool pool)
                    {
                        byte* scratch = stackalloc byte[64];
                        byte[] page = pool.Rent();
                        fixed (byte* p = page)
                        {
                            delegate*<byte*, byte*, int, int> copy = &Copy;
                            copy(scratch, p, 16);
                            Header h = default;
                            h.Next = &h;
                            h.Magic[0] = Read<byte>(p);
                            using (NoFsScope.Enter())
                            {
                                byte[] more = pool.Rent();
                                fixed (byte* q = &more[0]) { *q = *(byte*)h.Next; }
                            }
                        }
                    }
                }
                """),
        };

    /// <summary>
    /// 2,000 lines of #nullable switches and #if/#elif/#else nested 100 deep around allocations,
    /// scopes and callback declarations, some branches active and some not.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> PreprocessorMaze(int depth = 100, int switches = 1_000) =>
        Callback("Maze.cs", body =>
        {
            for (int i = 0; i < depth; i++)
            {
                body.AppendLine(Invariant($"#if {(i % 3 == 0 ? "!NOPE" : "DEBUG || !NOPE")}"));
                body.AppendLine(i % 2 == 0 ? "pool.Rent();" : "using (NoFsScope.Enter()) { pool.Rent();");
                body.AppendLine(i % 2 == 0 ? string.Empty : "}");
                body.AppendLine("#elif NOPE").AppendLine("pool.Rent( /* inactive */").AppendLine("#else").AppendLine("}}} not code").AppendLine("#endif");
                body.AppendLine(Invariant($"#if !NOPE_{i}"));
            }

            for (int i = 0; i < switches; i++)
            {
                body.AppendLine((i % 3) switch { 0 => "#nullable enable", 1 => "#nullable disable warnings", _ => "#nullable restore annotations" });
                body.AppendLine(i % 10 == 0 ? "{ string? s = null; _ = s?.Length; pool.Rent(); }" : Invariant($"_ = {i};"));
            }

            for (int i = 0; i < depth; i++)
            {
                body.AppendLine("#endif");
            }
        });

    /// <summary>
    /// The same unscoped allocation in a writeback callback twice: once in an ordinary file and once in
    /// a source-generated one (<c>// &lt;auto-generated/&gt;</c>, a .g.cs name), which analyzers must skip.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> GeneratedFile()
    {
        const string Callback = """
            namespace Patho;

            public sealed class {0} : Aops
            {{
                public override void WritePages(Pool pool) => pool.Rent();
            }}
            """;
        return new[]
        {
            Engine,
            ("Handwritten.cs", string.Format(CultureInfo.InvariantCulture, Callback, "HandwrittenAops")),
            (GeneratedPath, "// <auto-generated/>\n" + string.Format(CultureInfo.InvariantCulture, Callback, "GeneratedAops")),
        };
    }

    /// <summary><see cref="Engine"/> and one file with a writeback callback whose body <paramref name="writeBody"/> writes.</summary>
    private static IReadOnlyList<(string Path, string Text)> Callback(string path, Action<StringBuilder> writeBody)
    {
        var text = new StringBuilder("using Memalloc;\n\nnamespace Patho;\n\npublic sealed class Callback : Aops\n{\n    public override void WritePages(Pool pool)\n    {\n");
        writeBody(text);
        text.Append("    }\n}\n");
        return new[] { Engine, (path, text.ToString()) };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
