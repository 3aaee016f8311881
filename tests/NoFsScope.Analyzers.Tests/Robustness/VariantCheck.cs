namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>How much of a variant is exercised.</summary>
public enum VariantCheck
{
    /// <summary>The editor path: syntax and semantic analyzer diagnostics of the mutated document only.</summary>
    Document,

    /// <summary>Every analyzer over the whole compilation (compilation-wide actions, NoFsScope.txt included).</summary>
    Compilation,

    /// <summary>The editor path in a workspace, then every code fix on the document's NoFsScope diagnostics.</summary>
    DocumentAndFixes,
}
