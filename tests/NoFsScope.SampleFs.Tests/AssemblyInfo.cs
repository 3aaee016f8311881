using Xunit;

// The validator is process-wide: tests that turn it on and tests that need it off must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
