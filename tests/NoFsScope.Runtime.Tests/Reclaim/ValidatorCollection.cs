using Xunit;

namespace NoFsScope.Runtime.Tests.Reclaim;

/// <summary>
/// The validator is process-wide (one switch, one lock-order graph), so every test that turns it on
/// belongs to this collection, which runs alone: no other test runs while the validator is on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ValidatorCollection
{
    public const string Name = "MemallocValidator";
}
