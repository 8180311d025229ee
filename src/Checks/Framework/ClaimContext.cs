using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Framework.Stages;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// What a claim is given to run: the profile, its own seed (derived from the master seed and its id, so adding a
/// claim never changes another's numbers), its false-fail rate per assertion, the thread count, a way to report
/// progress and to be stopped, and the run's measurement store. Claims never call the simulator or the exact engine
/// directly: they ask <see cref="Simulate"/>, <see cref="PerReplicate"/> and <see cref="Exact"/>, so the same claim
/// code runs in stages, in shards and in a merge (see <see cref="IMeasurementStore"/>).
/// </summary>
public sealed record ClaimContext(
    Profile Profile,
    ulong Seed,
    double AlphaPerAssertion,
    int Threads,
    CancellationToken Cancellation,
    IProgress<double>? Progress = null)
{
    /// <summary>The claim's id: the first part of every measurement key.</summary>
    public string ClaimId { get; init; } = "";

    /// <summary>Where measurements are computed or found; a claim evaluated on its own computes everything directly.</summary>
    public IMeasurementStore Measurements { get; init; } = DirectMeasurements.Instance;

    /// <summary>
    /// The look this evaluation is (<see cref="StagePlan"/>): it sets <see cref="Replicates"/>, and the runner sets
    /// <see cref="AlphaPerAssertion"/> to the look's share. A claim evaluated on its own sees every replicate.
    /// </summary>
    public ClaimStage Stage { get; init; } = ClaimStage.Final;

    /// <summary>
    /// True in a shard run (<c>check --shard K/N</c>): the store computes only the shard's units and answers NaN for
    /// the rest, and the result is thrown away. A claim never needs to look at it; it may use it to skip costly work
    /// that does not go through the store and cannot change what it asks the store for.
    /// </summary>
    public bool Gathering { get; init; }

    /// <summary>The replicate counts this evaluation handed out (<see cref="Replicates"/>), for the result's record.</summary>
    public ReplicateTally Tally { get; init; } = new();

    /// <summary>
    /// A sub-experiment's seed: the claim's seed mixed with a label (e.g. "workers=16"), so that sub-experiments that
    /// must be independent (points of a rate fit) are, while runs compared in pairs share one label and so one seed.
    /// </summary>
    public ulong SeedFor(string label) => ClaimSeeds.For(Seed, label);

    /// <summary>
    /// The replicate count of this evaluation for an experiment whose profile allows at most <paramref name="maximum"/>;
    /// a claim uses what it gets for every simulation of that experiment: ⌈maximum · 2^{s−S}⌉ rounded up to whole
    /// measurement blocks at look s of S, the maximum itself at the last look (<see cref="ClaimStage.Replicates"/>).
    /// </summary>
    public int Replicates(int maximum)
    {
        int replicates = Stage.Replicates(maximum);
        Tally.Record(replicates, maximum);
        return replicates;
    }

    /// <summary>
    /// Monte Carlo of replicates 0..<paramref name="replicates"/> − 1 of a configuration from <paramref name="seed"/>
    /// (two calls with one seed see common random numbers), through the measurement store under (claim, the
    /// configuration's <see cref="ConfigurationFingerprint"/>, seed).
    /// </summary>
    public SimulationResult Simulate(LocalSgdConfiguration configuration, int replicates, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Cancellation.ThrowIfCancellationRequested();
        var rows = Measurements.Replicates(Key("simulate", ConfigurationFingerprint.Of(configuration), seed), replicates,
            (first, count) => SimulationRows.From(MonteCarloSimulator.Run(configuration, new SimulationOptions(count, seed, Threads) { FirstReplicate = first })));
        return SimulationRows.ToResult(configuration, rows, seed, Threads);
    }

    /// <summary>
    /// Per-replicate values that a simulation does not record (a control variate computed from the noise, each run's
    /// own sync steps): <paramref name="compute"/>(first, count) returns the rows of replicates first..first + count − 1;
    /// the result holds the rows of replicates 0..<paramref name="replicates"/> − 1, under (claim, <paramref name="label"/>, seed).
    /// </summary>
    public double[][] PerReplicate(string label, int replicates, ulong seed, Func<int, int, double[][]> compute)
    {
        Cancellation.ThrowIfCancellationRequested();
        return Measurements.Replicates(Key("replicates", label, seed), replicates, compute);
    }

    /// <summary>Deterministic values with no replicates (the exact engine), under (claim, <paramref name="label"/>).</summary>
    public double[] Exact(string label, Func<double[]> compute)
    {
        Cancellation.ThrowIfCancellationRequested();
        return Measurements.Values(Key("exact", label, 0), compute);
    }

    /// <summary>Reports the fraction done, 0..1.</summary>
    public void Report(double fraction) => Progress?.Report(Math.Clamp(fraction, 0, 1));

    private string Key(string kind, string label, ulong seed) => $"{ClaimId}|{kind}|{label}|{seed}";
}
