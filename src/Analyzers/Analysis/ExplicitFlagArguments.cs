using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NoFsScope.Analyzers.Internals;

namespace NoFsScope.Analyzers.Analysis
{
    /// <summary>
    /// The GFP_NOFS style the migration rules look for: an allocation argument written as
    /// <c>AllocFlags.NoFs</c> or <c>AllocFlags.NoIo</c>, and whether a scope removing the same bits is in
    /// force where it is passed.
    /// </summary>
    internal static class ExplicitFlagArguments
    {
        /// <summary>Whether <paramref name="argument"/> passes <c>AllocFlags.NoFs</c>/<c>NoIo</c> explicitly; <paramref name="flag"/> is "NoFs" or "NoIo".</summary>
        internal static bool TryGet(IArgumentOperation argument, out string flag)
        {
            flag = string.Empty;
            IOperation value = argument.Value.WithoutConversions();

            if (argument.ArgumentKind != ArgumentKind.Explicit ||
                !MemallocNames.IsMemallocType(argument.Parameter?.Type, MemallocNames.AllocFlags) ||
                value is not IFieldReferenceOperation { Field: { Name: "NoFs" or "NoIo" } field } ||
                !MemallocNames.IsMemallocType(field.ContainingType, MemallocNames.AllocFlags))
            {
                return false;
            }

            flag = field.Name;
            return true;
        }

        /// <summary>The scope flags that make <paramref name="flag"/> redundant: NoFs under NoFs or NoIo; NoIo only under NoIo.</summary>
        internal static ScopeFlags RedundantUnder(string flag) => flag == "NoFs" ? ScopeFlags.NoFs | ScopeFlags.NoIo : ScopeFlags.NoIo;

        /// <summary>The scope type that replaces the flag: NoFsScope for NoFs, NoIoScope for NoIo.</summary>
        internal static string ScopeTypeFor(string flag) => flag == "NoFs" ? MemallocNames.NoFsScope : MemallocNames.NoIoScope;

        /// <summary>Whether a scope that makes <paramref name="flag"/> redundant is in force at <paramref name="argument"/>, and in which body that was decided.</summary>
        internal static Coverage CoverageOf(IArgumentOperation argument, string flag, ReclaimAnalysis analysis, ISymbol containingSymbol, out IOperation root) =>
            analysis.CoverageAnywhere(argument, RedundantUnder(flag), containingSymbol, out root);
    }
}
