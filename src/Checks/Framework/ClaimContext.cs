namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// What a claim is given to run: the profile, its own seed (derived from the master seed and its id, so adding a
/// claim never changes another's numbers), its false-fail rate per assertion, the thread count and a way to
/// report progress and to be stopped.
/// </summary>
public sealed record ClaimContext(
    Profile Profile,
    ulong Seed,
    double AlphaPerAssertion,
    int Threads,
    CancellationToken Cancellation,
    IProgress<double>? Progress = null)
{
    /// <summary>
    /// A sub-experiment's seed: the claim's seed mixed with a label (e.g. "workers=16"), so that sub-experiments that
    /// must be independent (points of a rate fit) are, while runs compared in pairs share one label and so one seed.
    /// </summary>
    public ulong SeedFor(string label) => ClaimSeeds.For(Seed, label);

    /// <summary>Reports the fraction done, 0..1.</summary>
    public void Report(double fraction) => Progress?.Report(Math.Clamp(fraction, 0, 1));
}
