using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Scenarios;

namespace LocalSgdVerify.Checks.Framework.Exploration;

/// <summary>
/// The scenarios that replay explored configurations through <c>simulate</c>: an exact law's configuration with a
/// handful of Monte Carlo replicates beside the exact column (<c>simulate --exact</c> prints the value the claim
/// measured), a Monte Carlo law's with exactly the replicates and seed the claim used (<c>simulate</c> prints the same
/// mean, bit for bit).
/// </summary>
public static class ReplayScenarios
{
    /// <summary>Monte Carlo replicates of an exact replay: enough for a rough check beside the exact column, few enough to run in seconds.</summary>
    public const int ExactReplayReplicates = 10;

    /// <summary>An exact configuration's replay: the exact E[F(output)] − F* at its last checkpoint is <paramref name="exactValue"/>.</summary>
    public static Replay Exact(string claimId, string description, LocalSgdConfiguration configuration, double exactValue, ulong seed) =>
        new(new Scenario { Name = claimId, Description = description, Configuration = configuration, Replicates = ExactReplayReplicates, Seed = seed }, true, exactValue);

    /// <summary>
    /// A path identity's replay: replicates 0..<paramref name="replicate"/> from <paramref name="seed"/>, so the last one is
    /// the replicate whose path the identity compared (simulate prints its error, not the path).
    /// </summary>
    public static Replay Path(string claimId, string description, LocalSgdConfiguration configuration, int replicate, ulong seed) =>
        Replay.OfPath(new Scenario { Name = claimId, Description = description, Configuration = configuration, Replicates = replicate + 1, Seed = seed },
            $"the x̄ path of replicate {replicate} (simulate runs it; the identity compares paths step by step, which simulate does not print)");

    /// <summary>A Monte Carlo configuration's replay: replicates 0..<paramref name="replicates"/> − 1 from <paramref name="seed"/>, mean error <paramref name="mean"/> at the last checkpoint.</summary>
    public static Replay MonteCarlo(string claimId, string description, LocalSgdConfiguration configuration, int replicates, ulong seed, double mean) =>
        new(new Scenario { Name = claimId, Description = description, Configuration = configuration, Replicates = replicates, Seed = seed }, false, mean);
}
