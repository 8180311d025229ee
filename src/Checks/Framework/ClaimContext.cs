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
    /// <summary>Reports the fraction done, 0..1.</summary>
    public void Report(double fraction) => Progress?.Report(Math.Clamp(fraction, 0, 1));
}
