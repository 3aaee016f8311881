using System;
using System.Linq;
using System.Threading.Tasks;
using NoFsScope.CodeFixes;
using Xunit;
using Verify = NoFsScope.Analyzers.Tests.Verifiers.CodeFixVerifier<NoFsScope.Analyzers.Rules.Scopes.NOFS001ReclaimInCallbackAnalyzer, NoFsScope.CodeFixes.NOFS001ScopeCodeFix>;

namespace NoFsScope.Analyzers.Tests.Rules.NOFS001;

/// <summary>
/// Fix All over 24 diagnostics in 4 callbacks: one scope per run or per callback, never one per
/// statement, never nested. (The testing library also applies Fix All in project and solution scope.)
/// </summary>
public sealed class NOFS001FixAllTests
{
    private const int Callbacks = 4;
    private const int AllocationsPerCallback = 6;

    [Fact]
    public async Task Wrap_fix_all_gives_one_scope_per_callback_while_single_fixes_give_one_each()
    {
        string source = File(i => Allocation(i, marked: true), body => Peeks(body));
        Assert.Equal(Callbacks * AllocationsPerCallback, source.Split("{|NOFS001:").Length - 1);

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = File(i => Wrapped(Allocation(i, marked: false)), body => Peeks(body)),
            BatchFixedCode = File(i => "    " + Allocation(i, marked: false), body => Peeks("        using (NoFsScope.Enter())\n        {\n" + body + "\n        }")),
            CodeActionEquivalenceKey = NOFS001ScopeCodeFix.WrapKey,
        }.RunAsync();
    }

    [Fact]
    public async Task Scope_callback_fix_all_gives_one_declaration_per_callback()
    {
        string fixedSource = File(i => Allocation(i, marked: false), body => "        using var scope = NoFsScope.Enter();\n" + body);
        await new Verify.Test
        {
            TestCode = File(i => Allocation(i, marked: true), body => body),
            FixedCode = fixedSource,
            BatchFixedCode = fixedSource,
            CodeActionEquivalenceKey = NOFS001ScopeCodeFix.ScopeCallbackKey,
        }.RunAsync();
    }

    private static string File(Func<int, string> allocation, Func<string, string> body)
    {
        var callbacks = Enumerable.Range(0, Callbacks).Select(c =>
            $"    [WritebackCallback]\n    void Flush{c}(Pool pool)\n    {{\n" +
            body(string.Join("\n", Enumerable.Range(0, AllocationsPerCallback).Select(allocation))) +
            "\n    }");
        return "using Memalloc;\nclass Flusher\n{\n" + string.Join("\n\n", callbacks) + "\n}\n" + EngineSource.Code;
    }

    private static string Peeks(string body) => "        pool.Peek();\n" + body + "\n        pool.Peek();";

    private static string Allocation(int i, bool marked)
    {
        string call = i % 2 == 0 ? "pool.Rent()" : "pool.Grow()";
        string flagged = marked ? "{|NOFS001:" + call + "|}" : call;
        return (i % 3 == 2 ? $"        var b{i} = " : "        ") + flagged + ";";
    }

    private static string Wrapped(string statement) =>
        "        using (NoFsScope.Enter())\n        {\n    " + statement + "\n        }";
}
