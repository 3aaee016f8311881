using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// Decides whether a static field is harmless: it cannot hold a symbol, operation, syntax node or
/// compilation (so it cannot keep one alive or leak it into another compilation's analysis), and it
/// is not mutable shared state.
/// </summary>
internal static class StaticFieldRules
{
    private static readonly Type[] InertTypes =
    {
        typeof(string), typeof(decimal), typeof(DateTime), typeof(TimeSpan), typeof(Guid), typeof(CultureInfo), typeof(StringComparer),
        typeof(DiagnosticDescriptor), typeof(LocalizableString), typeof(SymbolDisplayFormat), typeof(Regex),
    };

    private static readonly Type[] ImmutableCollections =
    {
        typeof(ImmutableArray<>), typeof(ImmutableHashSet<>), typeof(ImmutableDictionary<,>), typeof(ImmutableList<>),
        typeof(ImmutableSortedSet<>), typeof(Nullable<>), typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>),
        typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>),
    };

    /// <summary>Mutable collections: inert when their elements are, but shared mutable state when a static field holds one.</summary>
    private static readonly Type[] MutableCollections =
    {
        typeof(List<>), typeof(HashSet<>), typeof(Dictionary<,>), typeof(Queue<>), typeof(Stack<>), typeof(SortedSet<>),
        typeof(System.Collections.Concurrent.ConcurrentDictionary<,>), typeof(System.Collections.Concurrent.ConcurrentBag<>),
    };

    /// <summary>Every static field of every type (nested and compiler-generated included) in the assembly, with the reason it is not harmless, if it is not.</summary>
    public static IEnumerable<(FieldInfo Field, string Problem)> Problems(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral)
            .Select(f => (Field: f, Problem: Problem(f)))
            .Where(x => x.Problem is not null)
            .Select(x => (x.Field, x.Problem!));

    /// <summary>Null when <paramref name="field"/> is harmless, otherwise why not.</summary>
    public static string? Problem(FieldInfo field)
    {
        if (IsCompilerCache(field))
        {
            return null;
        }

        if (!field.IsInitOnly)
        {
            return "is not readonly (mutable static state)";
        }

        if (field.FieldType.IsGenericType && MutableCollections.Contains(field.FieldType.GetGenericTypeDefinition()))
        {
            return $"is a mutable collection ({field.FieldType}) shared by every compilation";
        }

        return IsInert(field.FieldType, new HashSet<Type>()) ? null : $"has type {field.FieldType}, which could hold symbols, operations, syntax or compilations";
    }

    /// <summary>
    /// The C# compiler's caches of non-capturing lambdas (<c>&lt;&gt;c.&lt;&gt;9__0_0</c>), their singleton
    /// (<c>&lt;&gt;9</c>) and its caches of static method groups (<c>&lt;&gt;O.&lt;0&gt;__Analyze</c>).
    /// </summary>
    private static bool IsCompilerCache(FieldInfo field) =>
        field.DeclaringType!.IsDefined(typeof(CompilerGeneratedAttribute)) &&
        field.DeclaringType!.Name is "<>c" or "<>O" &&
        (typeof(Delegate).IsAssignableFrom(field.FieldType) || field.FieldType == field.DeclaringType);

    /// <summary>A type whose values cannot reference a symbol, an operation, syntax or a compilation.</summary>
    private static bool IsInert(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || InertTypes.Any(t => t.IsAssignableFrom(type)))
        {
            return true;
        }

        if (type.IsArray)
        {
            return IsInert(type.GetElementType()!, visiting);
        }

        if (type.IsGenericType && (ImmutableCollections.Contains(type.GetGenericTypeDefinition()) || MutableCollections.Contains(type.GetGenericTypeDefinition())))
        {
            return type.GetGenericArguments().All(a => IsInert(a, visiting));
        }

        // A type of our own (the compiler-generated <>c closure holder included) is as inert as its instance fields.
        if (type.Assembly.GetName().Name!.StartsWith("NoFsScope.", StringComparison.Ordinal) && !type.IsInterface && !type.IsAbstract)
        {
            if (!visiting.Add(type))
            {
                return true;
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                if (!t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).All(f => IsInert(f.FieldType, visiting)))
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }
}
