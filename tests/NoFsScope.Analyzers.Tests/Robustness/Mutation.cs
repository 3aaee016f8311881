namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>One mutated variant of a source file and what was done to it (for failure messages).</summary>
public sealed record Mutation(MutationKind Kind, string Text, string Description);
