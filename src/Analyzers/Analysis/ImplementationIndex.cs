using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The overrides and interface implementations declared in the compilation, by the member they
    /// override or implement, built per method name on the first virtual call to a method of that
    /// name. A build looks only at the compilation's own types (never referenced assemblies) that
    /// declare a member of that name (<see cref="DeclaredNames"/>), and creates member symbols of that
    /// name only: on the editor path every edit is a new compilation, and indexing every member of
    /// every type would cost more than the rest of the analysis.
    /// </summary>
    internal sealed class ImplementationIndex
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>> _byName = new(StringComparer.Ordinal);
        private DeclaredNames? _declared;

        internal ImplementationIndex(Compilation compilation) => _compilation = compilation;

        /// <summary>The source methods a virtual call to <paramref name="method"/> may run (overrides and implementations, not the method itself).</summary>
        internal ImmutableArray<IMethodSymbol> Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            // Two threads may build one name at once; the first result is kept. (A Lazy would remember a
            // cancellation and throw it at every later caller of this compilation.)
            if (!_byName.TryGetValue(method.Name, out ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>? index))
            {
                index = _byName.GetOrAdd(method.Name, Build(method.Name, cancellationToken));
            }

            return index.TryGetValue(method.OriginalDefinition, out ImmutableArray<IMethodSymbol> found) ? found : ImmutableArray<IMethodSymbol>.Empty;
        }

        private ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Build(string name, CancellationToken cancellationToken)
        {
            if (_declared is null)
            {
                Interlocked.CompareExchange(ref _declared, DeclaredNames.Of(_compilation, cancellationToken), null);
            }

            var found = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach ((INamedTypeSymbol type, bool explicitly) in _declared!.TypesDeclaring(name))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IndexType(type, name, explicitly, found);
            }

            var builder = ImmutableDictionary.CreateBuilder<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach (KeyValuePair<IMethodSymbol, List<IMethodSymbol>> pair in found)
            {
                builder.Add(pair.Key, pair.Value.ToImmutableArray());
            }

            return builder.ToImmutable();
        }

        private static void IndexType(INamedTypeSymbol type, string name, bool explicitly, Dictionary<IMethodSymbol, List<IMethodSymbol>> found)
        {
            // Explicit implementations are named 'IFoo.Put', so only a type that has one of this name is walked whole.
            IEnumerable<ISymbol> members = explicitly ? type.GetMembers() : type.GetMembers(name);
            foreach (ISymbol member in members)
            {
                if (member is not IMethodSymbol method || !(method.Name == name || method.ExplicitInterfaceImplementations.Any(i => i.Name == name)))
                {
                    continue;
                }

                for (IMethodSymbol? overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    Add(found, overridden, method);
                }

                foreach (IMethodSymbol explicitImplementation in method.ExplicitInterfaceImplementations)
                {
                    Add(found, explicitImplementation, method);
                }
            }

            if (type.TypeKind is TypeKind.Interface)
            {
                return;
            }

            foreach (INamedTypeSymbol @interface in type.AllInterfaces)
            {
                foreach (ISymbol member in @interface.GetMembers(name))
                {
                    if (member is IMethodSymbol interfaceMethod &&
                        type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation &&
                        SymbolEqualityComparer.Default.Equals(implementation.ContainingType.OriginalDefinition, type.OriginalDefinition))
                    {
                        Add(found, interfaceMethod, implementation);
                    }
                }
            }
        }

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> found, IMethodSymbol key, IMethodSymbol implementation)
        {
            key = key.OriginalDefinition;
            if (!found.TryGetValue(key, out List<IMethodSymbol>? list))
            {
                list = new List<IMethodSymbol>();
                found.Add(key, list);
            }

            if (!list.Contains<IMethodSymbol>(implementation.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                list.Add(implementation.OriginalDefinition);
            }
        }

        /// <summary>
        /// Which types declare a member of a given name, from the declarations and syntax only (no member
        /// symbols are created): the declared member names, where an accessor's method (<c>get_X</c>) is
        /// declared under its property or event (<c>X</c>) and an indexer's as <c>this[]</c>, plus the
        /// names of explicitly implemented members, which the declared names leave out.
        /// </summary>
        private sealed class DeclaredNames
        {
            private static readonly ImmutableArray<string> AccessorPrefixes = ImmutableArray.Create("get_", "set_", "add_", "remove_");

            private readonly Dictionary<string, List<(INamedTypeSymbol Type, bool Explicitly)>> _types;

            private DeclaredNames(Dictionary<string, List<(INamedTypeSymbol Type, bool Explicitly)>> types) => _types = types;

            internal static DeclaredNames Of(Compilation compilation, CancellationToken cancellationToken)
            {
                var types = new Dictionary<string, List<(INamedTypeSymbol, bool)>>(StringComparer.Ordinal);
                var pending = new Stack<INamespaceOrTypeSymbol>();
                pending.Push(compilation.Assembly.GlobalNamespace);
                while (pending.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    INamespaceOrTypeSymbol container = pending.Pop();
                    IEnumerable<INamespaceOrTypeSymbol> children = container is INamespaceSymbol ns
                        ? ns.GetMembers()
                        : ((INamedTypeSymbol)container).GetTypeMembers();
                    foreach (INamespaceOrTypeSymbol child in children)
                    {
                        pending.Push(child);
                        if (child is INamedTypeSymbol type)
                        {
                            foreach (string name in type.MemberNames)
                            {
                                Add(types, name, type, explicitly: false);
                            }

                            foreach (string name in ExplicitlyImplementedNames(type, cancellationToken))
                            {
                                Add(types, name, type, explicitly: true);
                            }
                        }
                    }
                }

                return new DeclaredNames(types);
            }

            /// <summary>The types that may declare a method named <paramref name="method"/>, each with whether it does so explicitly.</summary>
            internal IEnumerable<(INamedTypeSymbol Type, bool Explicitly)> TypesDeclaring(string method)
            {
                string? declared = AccessedMemberName(method);
                IEnumerable<(INamedTypeSymbol Type, bool Explicitly)> candidates = Declaring(method);
                if (declared is not null)
                {
                    candidates = candidates.Concat(Declaring(declared));
                    if (declared == "Item")
                    {
                        candidates = candidates.Concat(Declaring(WellKnownMemberNames.Indexer));
                    }
                }

                // A type listed twice (implicitly and explicitly) is walked once, whole.
                return candidates
                    .GroupBy(c => c.Type, SymbolEqualityComparer.Default)
                    .Select(g => ((INamedTypeSymbol)g.Key!, g.Any(c => c.Explicitly)));
            }

            private IEnumerable<(INamedTypeSymbol Type, bool Explicitly)> Declaring(string name) =>
                _types.TryGetValue(name, out List<(INamedTypeSymbol Type, bool Explicitly)>? list) ? list : Enumerable.Empty<(INamedTypeSymbol, bool)>();

            private static void Add(Dictionary<string, List<(INamedTypeSymbol, bool)>> types, string name, INamedTypeSymbol type, bool explicitly)
            {
                if (!types.TryGetValue(name, out List<(INamedTypeSymbol, bool)>? list))
                {
                    list = new List<(INamedTypeSymbol, bool)>();
                    types.Add(name, list);
                }

                list.Add((type, explicitly));
            }

            private static string? AccessedMemberName(string accessor)
            {
                foreach (string prefix in AccessorPrefixes)
                {
                    if (accessor.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return accessor.Substring(prefix.Length);
                    }
                }

                return null;
            }

            private static IEnumerable<string> ExplicitlyImplementedNames(INamedTypeSymbol type, CancellationToken cancellationToken)
            {
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                    {
                        continue;
                    }

                    foreach (MemberDeclarationSyntax member in declaration.Members)
                    {
                        string? name = member switch
                        {
                            MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } method => method.Identifier.ValueText,
                            PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null } property => property.Identifier.ValueText,
                            EventDeclarationSyntax { ExplicitInterfaceSpecifier: not null } @event => @event.Identifier.ValueText,
                            IndexerDeclarationSyntax { ExplicitInterfaceSpecifier: not null } => WellKnownMemberNames.Indexer,
                            _ => null,
                        };
                        if (name is not null)
                        {
                            yield return name;
                        }
                    }
                }
            }
        }
    }
}
