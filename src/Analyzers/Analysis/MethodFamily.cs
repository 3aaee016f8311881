using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// A method and every member it overrides or implements, through any depth of base classes and
    /// interfaces (explicit and implicit implementations, generic ones included). Annotations on any
    /// of them apply to the method.
    /// </summary>
    internal static class MethodFamily
    {
        /// <summary>Whether <paramref name="predicate"/> holds for the method or any member it overrides or implements.</summary>
        /// <param name="predicate">
        /// Must be free of side effects: an interface member of the method's name is tested before it is known
        /// to be implemented by the method, and is checked for that only when the test holds (finding out makes
        /// a new compilation build the type's interface map, which on the editor path, a new compilation per
        /// keystroke, was a tenth of what the rules allocated).
        /// </param>
        internal static bool Any<TState>(IMethodSymbol method, TState state, Func<IMethodSymbol, TState, bool> predicate)
        {
            if (method.OverriddenMethod is null && method.ExplicitInterfaceImplementations.IsEmpty && !MayImplementImplicitly(method))
            {
                // Most methods stand alone: no walk, no allocation.
                return predicate(method, state);
            }

            // Iterative walk with a visited set: no recursion, and diamond-shaped interface graphs are visited once.
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<IMethodSymbol>();
            pending.Push(method);
            while (pending.Count > 0)
            {
                IMethodSymbol current = pending.Pop();
                if (!visited.Add(current.OriginalDefinition))
                {
                    continue;
                }

                if (predicate(current, state))
                {
                    return true;
                }

                if (current.OverriddenMethod is { } overridden)
                {
                    pending.Push(overridden);
                }

                foreach (IMethodSymbol implemented in current.ExplicitInterfaceImplementations)
                {
                    pending.Push(implemented);
                }

                PushImplicitImplementations(current, pending, state, predicate);
            }

            return false;
        }

        private static bool MayImplementImplicitly(IMethodSymbol method) =>
            method.ContainingType is { TypeKind: not TypeKind.Interface } type &&
            !method.IsStatic &&
            method.DeclaredAccessibility == Accessibility.Public &&
            !type.AllInterfaces.IsEmpty;

        /// <summary>
        /// Pushes the interface members <paramref name="method"/> implements implicitly that the predicate holds
        /// for; the others cannot change the answer (a member found by name is no explicit implementation of a
        /// further member: those have qualified names).
        /// </summary>
        private static void PushImplicitImplementations<TState>(IMethodSymbol method, Stack<IMethodSymbol> pending, TState state, Func<IMethodSymbol, TState, bool> predicate)
        {
            if (!MayImplementImplicitly(method))
            {
                return;
            }

            INamedTypeSymbol type = method.ContainingType;

            foreach (INamedTypeSymbol @interface in type.AllInterfaces)
            {
                foreach (ISymbol member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate &&
                        predicate(candidate, state) &&
                        SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method))
                    {
                        pending.Push(candidate);
                    }
                }
            }
        }
    }
}
