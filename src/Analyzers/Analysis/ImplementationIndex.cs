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
    /// name. A build looks only at the compilation's own types (never referenced assemblies) whose
    /// declared member names (or explicitly implemented ones, read from syntax) include the name, so it
    /// creates member symbols for those types only:
    /// on the editor path every edit is a new compilation, and indexing every member of every type
    /// would cost more than the rest of the analysis.
    /// </summary>
    internal sealed class ImplementationIndex
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>> _byName = new(StringComparer.Ordinal);
        private ImmutableArray<(INamedTypeSymbol Type, ImmutableHashSet<string> Explicit)> _types;

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
            var found = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach ((INamedTypeSymbol type, ImmutableHashSet<string> explicitNames) in Types(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DeclaresMemberNamed(type, explicitNames, name))
                {
                    IndexType(type, name, found);
                }
            }

            var builder = ImmutableDictionary.CreateBuilder<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach (KeyValuePair<IMethodSymbol, List<IMethodSymbol>> pair in found)
            {
                builder.Add(pair.Key, pair.Value.ToImmutableArray());
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// Every type declared in the compilation, nested ones included, with the names of the members it
        /// implements explicitly (which the declared member names leave out). Types and syntax only: no
        /// member symbols are created.
        /// </summary>
        private ImmutableArray<(INamedTypeSymbol Type, ImmutableHashSet<string> Explicit)> Types(CancellationToken cancellationToken)
        {
            if (!_types.IsDefault)
            {
                return _types;
            }

            var types = ImmutableArray.CreateBuilder<(INamedTypeSymbol, ImmutableHashSet<string>)>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.Assembly.GlobalNamespace);
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
                        types.Add((type, ExplicitlyImplementedNames(type, cancellationToken)));
                    }
                }
            }

            ImmutableInterlocked.InterlockedInitialize(ref _types, types.ToImmutable());
            return _types;
        }

        private static ImmutableHashSet<string> ExplicitlyImplementedNames(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            ImmutableHashSet<string>.Builder? names = null;
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
                        (names ??= ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal)).Add(name);
                    }
                }
            }

            return names?.ToImmutable() ?? ImmutableHashSet<string>.Empty;
        }

        /// <summary>
        /// From the declarations: a member named <paramref name="name"/>, or its property, indexer or event
        /// for an accessor (<c>get_X</c> is declared as <c>X</c>, <c>get_Item</c> as <c>this[]</c>), or an
        /// explicit implementation of one (<paramref name="explicitNames"/>, which the declared names leave out).
        /// </summary>
        private static bool DeclaresMemberNamed(INamedTypeSymbol type, ImmutableHashSet<string> explicitNames, string name)
        {
            string? declared = AccessedMemberName(name);
            string? indexer = declared == "Item" ? WellKnownMemberNames.Indexer : null;
            foreach (string member in type.MemberNames.Concat(explicitNames))
            {
                if (member == name || (declared is not null && member == declared) || (indexer is not null && member == indexer))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? AccessedMemberName(string accessor)
        {
            foreach (string prefix in new[] { "get_", "set_", "add_", "remove_" })
            {
                if (accessor.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return accessor.Substring(prefix.Length);
                }
            }

            return null;
        }

        private static void IndexType(INamedTypeSymbol type, string name, Dictionary<IMethodSymbol, List<IMethodSymbol>> found)
        {
            foreach (ISymbol member in type.GetMembers())
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
    }
}
