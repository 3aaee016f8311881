using System.Collections.Generic;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>What checking one variant found.</summary>
/// <param name="Failures">Analyzer or code-fix exceptions, hangs, and fixes that added compiler errors.</param>
/// <param name="Diagnostics">NoFsScope diagnostics the analyzers reported on the variant.</param>
/// <param name="CodeActions">Code actions the fixes offered and that were computed and compiled.</param>
/// <param name="AppliedThroughWorkspace">Code actions applied to the workspace with TryApplyChanges.</param>
public sealed record VariantOutcome(IReadOnlyList<string> Failures, int Diagnostics, int CodeActions, int AppliedThroughWorkspace);
