using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>The methods one type declares that override or implement a given method.</summary>
    internal static class DeclaredImplementations
    {
        /// <summary>
        /// Adds to <paramref name="into"/> the methods of <paramref name="type"/> that override or implement
        /// <paramref name="method"/> (a definition): overrides at any depth, explicit implementations (the
        /// whole type is walked when <paramref name="explicitly"/>, since they are named 'IFoo.Put') and
        /// implicit ones, counted for the type that declares them.
        /// </summary>
        internal static void AddFrom(INamedTypeSymbol type, IMethodSymbol method, bool explicitly, List<IMethodSymbol> into)
        {
            string name = method.Name;
            IEnumerable<ISymbol> members = explicitly ? type.GetMembers() : type.GetMembers(name);
            foreach (ISymbol member in members)
            {
                if (member is not IMethodSymbol candidate || !(candidate.Name == name || candidate.ExplicitInterfaceImplementations.Any(i => i.Name == name)))
                {
                    continue;
                }

                for (IMethodSymbol? overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (Is(overridden, method))
                    {
                        Add(into, candidate);
                    }
                }

                if (candidate.ExplicitInterfaceImplementations.Any(i => Is(i, method)))
                {
                    Add(into, candidate);
                }
            }

            if (type.TypeKind is TypeKind.Interface)
            {
                return;
            }

            foreach (INamedTypeSymbol @interface in type.AllInterfaces)
            {
                if (!SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, method.ContainingType))
                {
                    continue;
                }

                foreach (ISymbol member in @interface.GetMembers(name))
                {
                    if (member is IMethodSymbol interfaceMethod && Is(interfaceMethod, method) &&
                        type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation &&
                        SymbolEqualityComparer.Default.Equals(implementation.ContainingType.OriginalDefinition, type.OriginalDefinition))
                    {
                        Add(into, implementation);
                    }
                }
            }
        }

        private static bool Is(IMethodSymbol candidate, IMethodSymbol definition) =>
            SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition);

        private static void Add(List<IMethodSymbol> into, IMethodSymbol implementation)
        {
            IMethodSymbol definition = implementation.OriginalDefinition;
            if (!into.Contains<IMethodSymbol>(definition, SymbolEqualityComparer.Default))
            {
                into.Add(definition);
            }
        }
    }
}
