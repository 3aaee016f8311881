using System;
using System.Globalization;

namespace NoFsScope.Analyzers.Tests.Robustness;

/// <summary>
/// How many mutated variants the fuzz test runs and from which seed. CI uses the defaults; set
/// <c>NOFS_FUZZ_VARIANTS=20000</c> for a longer run and <c>NOFS_FUZZ_SEED=n</c> to explore other
/// variants. A failure message names the seed and the variant index, which reproduce it exactly.
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultVariants = 2_000;

    public const int DefaultSeed = 20_261_125;

    /// <summary>One variant in this many also runs every code fix on its diagnostics (in a workspace, which costs more, when there is something to fix).</summary>
    public const int FixEvery = 4;

    /// <summary>One variant in this many is analyzed as a whole compilation, the rest the way an editor does (the mutated document only).</summary>
    public const int WholeCompilationEvery = 12;

    /// <summary>A hang guard, not a timing assertion: a variant still running after this is reported as a hang.</summary>
    public static TimeSpan VariantTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Never fewer than <see cref="DefaultVariants"/>: the variable raises the count, it cannot lower what CI runs.</summary>
    public static int Variants => Math.Max(DefaultVariants, Read("NOFS_FUZZ_VARIANTS", DefaultVariants));

    public static int Seed => Read("NOFS_FUZZ_SEED", DefaultSeed);

    private static int Read(string name, int fallback)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) && parsed > 0 ? parsed : fallback;
    }
}
