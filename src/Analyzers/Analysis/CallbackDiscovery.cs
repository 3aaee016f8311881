using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using NoFsScope.Analyzers.Configuration;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// Which methods and delegate parameters are writeback or I/O callbacks, and which bodies the
    /// engine promises to run under a scope. A method is a callback when it, or any member it
    /// overrides or implements, carries <c>[WritebackCallback]</c>/<c>[IoCallback]</c> (by name) or is
    /// listed in NoFsScope.txt. Results are cached per compilation.
    /// </summary>
    internal sealed class CallbackDiscovery
    {
        private readonly DocumentationIds _ids;
        private readonly ConcurrentDictionary<IMethodSymbol, CallbackKind> _kinds = SymbolCache.Create<IMethodSymbol, CallbackKind>();
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _invokedUnderScope = SymbolCache.Create<IMethodSymbol, bool>();

        internal CallbackDiscovery(DocumentationIds ids) => _ids = ids;

        internal CallbackKind KindOf(IMethodSymbol method) => _kinds.GetOrAdd(method, ComputeKind);

        /// <summary>The kind demanded of delegates passed to <paramref name="parameter"/>.</summary>
        internal static CallbackKind KindOf(IParameterSymbol parameter) => KindOfAttributes(parameter);

        /// <summary>Whether the engine promises (<c>[InvokedUnderNoFsScope]</c>) to invoke this method only under a NoFs scope.</summary>
        internal bool IsInvokedUnderNoFsScope(IMethodSymbol method) => _invokedUnderScope.GetOrAdd(
            method,
            static m => MethodFamily.Any(m, 0, static (candidate, _) => MemallocNames.HasAttribute(candidate, MemallocNames.InvokedUnderNoFsScopeAttribute)));

        private CallbackKind ComputeKind(IMethodSymbol method)
        {
            // Two side-effect-free walks (MethodFamily.Any's contract); most methods have no family, and then
            // each walk is one test.
            if (MethodFamily.Any(method, this, static (candidate, self) => self.KindOfMember(candidate) == CallbackKind.Io))
            {
                return CallbackKind.Io;
            }

            return MethodFamily.Any(method, this, static (candidate, self) => self.KindOfMember(candidate) != CallbackKind.None)
                ? CallbackKind.Writeback
                : CallbackKind.None;
        }

        /// <summary>The kind one member of a method's family declares, by attribute or NoFsScope.txt.</summary>
        private CallbackKind KindOfMember(IMethodSymbol member) => KindOfAttributes(member).Max(KindListed(member));

        private CallbackKind KindListed(IMethodSymbol method)
        {
            if (_ids.IsListed(method, ConfigEntryKind.Io))
            {
                return CallbackKind.Io;
            }

            return _ids.IsListed(method, ConfigEntryKind.Writeback) ? CallbackKind.Writeback : CallbackKind.None;
        }

        private static CallbackKind KindOfAttributes(ISymbol symbol)
        {
            CallbackKind kind = CallbackKind.None;
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case MemallocNames.IoCallbackAttribute:
                        return CallbackKind.Io;
                    case MemallocNames.WritebackCallbackAttribute:
                        kind = CallbackKind.Writeback;
                        break;
                }
            }

            return kind;
        }
    }
}
