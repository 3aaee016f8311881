using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Every override and interface implementation declared in the compilation, by the member it
    /// overrides or implements. Built once, on the first virtual call a path goes through, by one walk
    /// over the compilation's own types (never referenced assemblies).
    /// </summary>
    internal sealed class ImplementationIndex
    {
        private readonly Compilation _compilation;
        private ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>? _index;

        internal ImplementationIndex(Compilation compilation) => _compilation = compilation;

        /// <summary>The source methods a virtual call to <paramref name="method"/> may run (overrides and implementations, not the method itself).</summary>
        internal ImmutableArray<IMethodSymbol> Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> index = _index ?? Interlocked.CompareExchange(ref _index, Build(cancellationToken), null) ?? _index!;
            return index.TryGetValue(method.OriginalDefinition, out ImmutableArray<IMethodSymbol> found) ? found : ImmutableArray<IMethodSymbol>.Empty;
        }

        private ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Build(CancellationToken cancellationToken)
        {
            var found = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var namespaces = new Stack<INamespaceOrTypeSymbol>();
            namespaces.Push(_compilation.Assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ISymbol member in namespaces.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container)
                    {
                        namespaces.Push(container);
                    }

                    if (member is INamedTypeSymbol type)
                    {
                        IndexType(type, found);
                    }
                }
            }

            var builder = ImmutableDictionary.CreateBuilder<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach (KeyValuePair<IMethodSymbol, List<IMethodSymbol>> pair in found)
            {
                builder.Add(pair.Key, pair.Value.ToImmutableArray());
            }

            return builder.ToImmutable();
        }

        private static void IndexType(INamedTypeSymbol type, Dictionary<IMethodSymbol, List<IMethodSymbol>> found)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IMethodSymbol method)
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
                foreach (ISymbol member in @interface.GetMembers())
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
