namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>How a variant breaks its source file; each models something an editor shows mid-edit.</summary>
public enum MutationKind
{
    /// <summary>The file ends at a random character: the rest has not been typed yet.</summary>
    TruncateAtCharacter,

    /// <summary>The file ends right after a random token.</summary>
    TruncateAfterToken,

    /// <summary>One to three consecutive tokens are gone (a selection was deleted).</summary>
    DeleteTokens,

    /// <summary>One to four consecutive tokens appear twice (a paste landed twice).</summary>
    DuplicateTokens,

    /// <summary>A random token is copied in front of another random token (a stray word).</summary>
    InsertForeignToken,

    /// <summary>A random character span of up to 40 characters is gone, tokens cut in half.</summary>
    DeleteCharacters,
}
