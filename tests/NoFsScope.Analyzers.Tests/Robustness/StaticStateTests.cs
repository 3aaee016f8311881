using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// No analyzer or code-fix type keeps state in statics that could hold symbols or compilations:
/// such a field would keep a compilation alive for the whole IDE session or mix two compilations'
/// facts. Descriptors, strings, display formats and immutable collections of those are fine.
/// </summary>
public sealed class StaticStateTests
{
    /// <summary>
    /// Reviewed exceptions: immutable sentinels built by a static initializer, before any compilation
    /// exists. Their values are checked below to hold no symbol, operation or compilation.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Reviewed = new Dictionary<string, string>
    {
        ["NoFsScope.Analyzers.Configuration.NoFsScopeConfig.Empty"] = "the configuration of a project without NoFsScope.txt: no entries, no errors (an error's Location could hold a tree)",
        ["NoFsScope.Analyzers.Analysis.MethodFacts.Empty"] = "the 'no facts' sentinel: no allocation, no root flags and an empty ImmutableArray of calls",
    };

    public static TheoryData<string> Assemblies() => new(new[] { typeof(Descriptors.RuleIds).Assembly.GetName().Name!, typeof(CodeFixes.NOFS001ScopeCodeFix).Assembly.GetName().Name! });

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_static_field_can_hold_symbols_or_compilations(string assemblyName)
    {
        Assembly assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == assemblyName);
        var problems = StaticFieldRules.Problems(assembly)
            .Where(p => !Reviewed.ContainsKey(Name(p.Field)))
            .Select(p => $"{Name(p.Field)} {p.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Reviewed_sentinels_exist_and_hold_no_compilation_state()
    {
        Assembly analyzers = typeof(Descriptors.RuleIds).Assembly;
        foreach (string name in Reviewed.Keys)
        {
            int dot = name.LastIndexOf('.');
            FieldInfo field = analyzers.GetType(name.Substring(0, dot), throwOnError: true)!
                .GetField(name.Substring(dot + 1), BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
            Assert.NotNull(StaticFieldRules.Problem(field)); // else it no longer needs reviewing: remove the entry
            Assert.Empty(RoslynObjectsReachableFrom(field.GetValue(null), new HashSet<object>(ReferenceEqualityComparer.Instance)));
        }
    }

    [Fact]
    public void The_rules_catch_mutable_and_symbol_holding_statics()
    {
        // Guards the tests above against rules that accept everything.
        Assert.Null(StaticFieldRules.Problem(Field(nameof(Fixture.Descriptor))));
        Assert.Null(StaticFieldRules.Problem(Field(nameof(Fixture.Names))));
        Assert.Null(StaticFieldRules.Problem(Field(nameof(Fixture.Words))));
        Assert.Contains("mutable collection", StaticFieldRules.Problem(Field(nameof(Fixture.Cache))), StringComparison.Ordinal);
        Assert.Contains("could hold", StaticFieldRules.Problem(Field(nameof(Fixture.Symbols))), StringComparison.Ordinal);
        Assert.Contains("mutable collection", StaticFieldRules.Problem(Field(nameof(Fixture.Seen))), StringComparison.Ordinal);
        Assert.Contains("not readonly", StaticFieldRules.Problem(Field(nameof(Fixture.Counter))), StringComparison.Ordinal);
    }

    private static FieldInfo Field(string name) => typeof(Fixture).GetField(name)!;

    private static string Name(FieldInfo field) => $"{field.DeclaringType!.FullName}.{field.Name}";

    /// <summary>Symbols, operations, syntax, compilations and semantic models reachable through the fields of <paramref name="value"/>.</summary>
    private static IEnumerable<object> RoslynObjectsReachableFrom(object? value, HashSet<object> seen)
    {
        if (value is null || value.GetType().IsPrimitive || value is string || !seen.Add(value))
        {
            yield break;
        }

        if (value is ISymbol or IOperation or SyntaxNode or SyntaxTree or Compilation or SemanticModel)
        {
            yield return value;
            yield break;
        }

        IEnumerable<object?> children = value is System.Collections.IEnumerable items
            ? items.Cast<object?>()
            : value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.GetValue(value));
        foreach (object? child in children)
        {
            foreach (object found in RoslynObjectsReachableFrom(child, seen))
            {
                yield return found;
            }
        }
    }

#pragma warning disable CA2211, CA1823, RS2008 // the fixture's fields are what the rules are tested on
    private static class Fixture
    {
        public static readonly DiagnosticDescriptor Descriptor = TestDescriptors.Test;
        public static readonly ImmutableArray<string> Names = ImmutableArray<string>.Empty;
        public static readonly string[] Words = Array.Empty<string>();
        public static readonly Dictionary<string, ISymbol> Cache = new();
        public static readonly HashSet<string> Seen = new();
        public static readonly ImmutableArray<ISymbol> Symbols = ImmutableArray<ISymbol>.Empty;
        public static int Counter = 1;
    }
#pragma warning restore CA2211, CA1823, RS2008
}
