using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;

namespace LocalSgdVerify.Cli.Check;

/// <summary>The flags of one <c>check</c> invocation.</summary>
/// <param name="Claims">--claim ids or paper prefixes (empty = the whole catalog).</param>
/// <param name="Profile">--profile.</param>
/// <param name="Seed">--seed, the master seed.</param>
/// <param name="Alpha">--alpha, the run's total false-fail rate.</param>
/// <param name="Threads">--threads (0 = one per core).</param>
/// <param name="OutputDirectory">--out, where the report goes, or null with --no-report.</param>
/// <param name="Format">--format: table or json.</param>
/// <param name="Strict">--strict: inconclusive fails the run.</param>
/// <param name="Shard">--shard: compute this shard's units into a shard file in <paramref name="OutputDirectory"/>, or null for a whole run.</param>
/// <param name="ShardLooks">--shard-looks: how far a shard gathers each claim's looks (null: the first look).</param>
public sealed record CheckRequest(IReadOnlyList<string> Claims, Profile Profile, ulong Seed, double Alpha, int Threads,
    string? OutputDirectory, string Format, bool Strict, ShardAssignment? Shard = null, ShardLooks? ShardLooks = null)
{
    /// <summary>The master seed when --seed is not given.</summary>
    public const ulong DefaultSeed = 1;

    /// <summary>Where the report goes when --out is not given.</summary>
    public const string DefaultOutputDirectory = "reports/latest";
}
