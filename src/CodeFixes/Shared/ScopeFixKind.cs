namespace NoFsScope.CodeFixes.Shared
{
    /// <summary>The two ways a NOFS001 violation is fixed; each is one code action equivalence key.</summary>
    internal enum ScopeFixKind
    {
        /// <summary>Wrap the smallest run of statements holding the allocation in <c>using (NoFsScope.Enter()) { … }</c>.</summary>
        WrapStatements,

        /// <summary>Insert <c>using var scope = NoFsScope.Enter();</c> as the first statement of the callback.</summary>
        ScopeWholeCallback,
    }
}
