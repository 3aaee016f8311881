using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The overrides and interface implementations a virtual call may run, built per method on the
    /// first virtual call to it. A build looks only at the compilation's own types (never referenced
    /// assemblies) that declare a member of the method's name (<see cref="DeclaredMembers"/>, read from
    /// syntax) and derive from or implement the method's type; only those types' members are created.
    /// On the editor path every edit is a new compilation, and creating the members of every type
    /// that happens to declare a popular name (<c>Run</c>, <c>Write</c>) would cost more than the rest
    /// of the analysis.
    /// </summary>
    internal sealed class ImplementationIndex
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _byMethod = SymbolCache.Create<IMethodSymbol, ImmutableArray<IMethodSymbol>>();
        private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _typesNamed = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Dictionary<string, bool>> _typesDeclaring = new(StringComparer.Ordinal);
        private readonly Func<SyntaxTree, DeclaredMembers> _declared;

        /// <param name="declared">The catalog of a tree's declared member names; computed for this compilation alone when not given.</param>
        internal ImplementationIndex(Compilation compilation, Func<SyntaxTree, DeclaredMembers>? declared = null)
        {
            _compilation = compilation;
            if (declared is null)
            {
                var catalogs = new ConcurrentDictionary<SyntaxTree, DeclaredMembers>();
                declared = tree => catalogs.GetOrAdd(tree, t => DeclaredMembers.Of(t, CancellationToken.None));
            }

            _declared = declared;
        }

        /// <summary>The source methods a virtual call to <paramref name="method"/> may run (overrides and implementations, not the method itself).</summary>
        internal ImmutableArray<IMethodSymbol> Of(IMethodSymbol method, CancellationToken cancellationToken)
        {
            // Two threads may build one method at once; the first result is kept. (A Lazy would remember a
            // cancellation and throw it at every later caller of this compilation.)
            IMethodSymbol definition = method.OriginalDefinition;
            if (!_byMethod.TryGetValue(definition, out ImmutableArray<IMethodSymbol> found))
            {
                found = _byMethod.GetOrAdd(definition, Build(definition, cancellationToken));
            }

            return found;
        }

        private ImmutableArray<IMethodSymbol> Build(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.ContainingType is not { } container)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            // Per name, once per compilation: many methods share one (every stage's Run); the result is only read.
            Dictionary<string, bool> typeNames = _typesDeclaring.GetOrAdd(method.Name, name => DeclaredMembers.TypesDeclaring(_compilation.SyntaxTrees.Select(_declared), name));
            if (typeNames.Count == 0)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            ResolveTypeNames(typeNames.Keys, cancellationToken);
            var implementations = new List<IMethodSymbol>();
            foreach (KeyValuePair<string, bool> typeName in typeNames)
            {
                foreach (INamedTypeSymbol type in _typesNamed[typeName.Key])
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Inherits(type, container))
                    {
                        DeclaredImplementations.AddFrom(type, method, explicitly: typeName.Value, implementations);
                    }
                }
            }

            if (container.TypeKind is TypeKind.Interface)
            {
                // A class implementing the interface with a virtual method may have it overridden further
                // down; those overrides run too (the index of a class method already spans every depth).
                foreach (IMethodSymbol implementation in implementations.ToArray())
                {
                    if (implementation.ContainingType.TypeKind is not TypeKind.Interface &&
                        (implementation.IsVirtual || implementation.IsAbstract || implementation.IsOverride) && !implementation.IsSealed)
                    {
                        foreach (IMethodSymbol overriding in Of(implementation, cancellationToken))
                        {
                            if (!implementations.Contains<IMethodSymbol>(overriding, SymbolEqualityComparer.Default))
                            {
                                implementations.Add(overriding);
                            }
                        }
                    }
                }
            }

            return implementations.ToImmutableArray();
        }

        /// <summary>
        /// Finds the source types of the names not resolved yet, in one walk of the declaration table (a
        /// walk per method would repeat it for every virtual method of a popular name).
        /// </summary>
        private void ResolveTypeNames(IEnumerable<string> names, CancellationToken cancellationToken)
        {
            var missing = new HashSet<string>(names.Where(n => !_typesNamed.ContainsKey(n)), StringComparer.Ordinal);
            if (missing.Count == 0)
            {
                return;
            }

            var found = missing.ToDictionary(n => n, _ => new List<INamedTypeSymbol>(), StringComparer.Ordinal);
            foreach (ISymbol symbol in _compilation.GetSymbolsWithName(missing.Contains, SymbolFilter.Type, cancellationToken))
            {
                if (symbol is INamedTypeSymbol type && found.TryGetValue(type.Name, out List<INamedTypeSymbol>? types))
                {
                    types.Add(type);
                }
            }

            foreach (KeyValuePair<string, List<INamedTypeSymbol>> pair in found)
            {
                _typesNamed.TryAdd(pair.Key, pair.Value.ToImmutableArray());
            }
        }

        /// <summary>Whether <paramref name="type"/> derives from or implements <paramref name="container"/> (a definition).</summary>
        private static bool Inherits(INamedTypeSymbol type, INamedTypeSymbol container)
        {
            if (container.TypeKind is TypeKind.Interface)
            {
                return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, container));
            }

            for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, container))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
