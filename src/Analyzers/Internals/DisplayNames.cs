using Microsoft.CodeAnalysis;

namespace NoFsScope.Analyzers.Internals
{
    /// <summary>How symbols are named in messages: short, but enough to find them.</summary>
    internal static class DisplayNames
    {
        /// <summary><c>BufferPool.Rent(AllocFlags)</c>: an allocation, with its parameter types to tell overloads apart.</summary>
        private static readonly SymbolDisplayFormat CallFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        /// <summary><c>Aops.WritePages</c>: a callback, by name.</summary>
        private static readonly SymbolDisplayFormat MemberFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        internal static string Call(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.Constructor)
            {
                // "new BufferPool(int)" reads better than "BufferPool.BufferPool(int)".
                string full = method.ToDisplayString(CallFormat);
                int open = full.IndexOf('(');
                return "new " + method.ContainingType.ToDisplayString(MemberFormat) + (open < 0 ? "()" : full.Substring(open));
            }

            return method.ToDisplayString(CallFormat);
        }

        internal static string Member(ISymbol symbol) => symbol.ToDisplayString(MemberFormat);
    }
}
