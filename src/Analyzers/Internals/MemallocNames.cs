using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>
    /// Names of the runtime's types and attributes. The analyzers never reference the runtime
    /// assembly: types are matched by namespace and name, attributes by name alone, so an engine may
    /// compile its own copies.
    /// </summary>
    internal static class MemallocNames
    {
        internal const string Namespace = "Memalloc";

        internal const string AllocFlags = "AllocFlags";
        internal const string MemallocContext = "MemallocContext";
        internal const string MemallocValidator = "MemallocValidator";
        internal const string NoFsScope = "NoFsScope";
        internal const string NoIoScope = "NoIoScope";
        internal const string NoReclaimScope = "NoReclaimScope";
        internal const string MemallocScope = "MemallocScope";
        internal const string AsyncNoFsScope = "AsyncNoFsScope";
        internal const string AsyncNoIoScope = "AsyncNoIoScope";
        internal const string AsyncMemallocScope = "AsyncMemallocScope";
        internal const string ReclaimAwareLock = "ReclaimAwareLock";

        internal const string WritebackCallbackAttribute = "WritebackCallbackAttribute";
        internal const string IoCallbackAttribute = "IoCallbackAttribute";
        internal const string MayReclaimAttribute = "MayReclaimAttribute";
        internal const string InvokedUnderNoFsScopeAttribute = "InvokedUnderNoFsScopeAttribute";
        internal const string DeferredCallbackAttribute = "DeferredCallbackAttribute";

        /// <summary>The async counterpart of a thread scope type name (<c>NoFsScope</c> → <c>AsyncNoFsScope</c>).</summary>
        internal static string AsyncCounterpart(string threadScope) => "Async" + threadScope;

        /// <summary>Whether <paramref name="type"/> is <c>Memalloc.&lt;name&gt;</c> (a top-level namespace named Memalloc).</summary>
        internal static bool IsMemallocType(ITypeSymbol? type, string name)
        {
            return type is not null
                && type.Name == name
                && type.ContainingType is null
                && type.ContainingNamespace is { Name: Namespace } ns
                && ns.ContainingNamespace is { IsGlobalNamespace: true };
        }

        /// <summary>Whether <paramref name="symbol"/> carries an attribute whose class is named <paramref name="attributeName"/>, in any namespace.</summary>
        internal static bool HasAttribute(ISymbol symbol, string attributeName)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == attributeName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
