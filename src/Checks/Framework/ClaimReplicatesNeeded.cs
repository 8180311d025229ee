using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// A claim's replicates needed: the share f of its replicates at which its verdict would first have been reached,
/// from its assertions' <see cref="ReplicatesNeeded"/> (each assuming intervals shrink like 1/√n). A claim that did
/// not fail needs every assertion decided, so f is the largest fraction over its covered assertions; a failing claim
/// fails as soon as one assertion fails, so f is the smallest fraction over its failed, covered assertions.
/// </summary>
/// <remarks>
/// "Replicates" is the design's replicate count (per configuration, as in the experiment-design table); the implied
/// count is ⌈f · replicates⌉. Samples used count samples over every configuration and arm, so ⌈f · samples used⌉ is
/// given as well. Assertions whose geometry is not covered (see <see cref="ReplicatesNeeded"/>) are left out and
/// counted in <see cref="AssertionsNotCovered"/>: when that is not zero the claim-level f is a lower bound for a
/// claim that did not fail.
/// </remarks>
/// <param name="Fraction">f, or null when no assertion is covered.</param>
/// <param name="Replicates">The design's replicates per configuration.</param>
/// <param name="ImpliedReplicates">⌈f · replicates⌉, or null.</param>
/// <param name="SamplesUsed">Samples used over all configurations and arms.</param>
/// <param name="ImpliedSamples">⌈f · samples used⌉, or null.</param>
/// <param name="DecidingAssertion">The assertion whose fraction is f.</param>
/// <param name="AssertionsCovered">Assertions with an interval whose fraction could be computed.</param>
/// <param name="AssertionsNotCovered">Assertions with an interval whose decision rule is not covered.</param>
/// <param name="NotApplicable">Why there is no fraction; null when there is one.</param>
public sealed record ClaimReplicatesNeeded(
    double? Fraction,
    int Replicates,
    long? ImpliedReplicates,
    long SamplesUsed,
    long? ImpliedSamples,
    string? DecidingAssertion,
    int AssertionsCovered,
    int AssertionsNotCovered,
    string? NotApplicable)
{
    /// <summary>Combines the assertions' estimates (see the type's summary for the rule).</summary>
    public static ClaimReplicatesNeeded For(IReadOnlyList<AssertionResult> assertions, int replicates, long samplesUsed)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        var withIntervals = assertions.Where(a => a.Measured.Low is not null && a.Measured.High is not null)
            .Select(a => (Assertion: a, Needed: ReplicatesNeeded.For(a))).ToList();
        var covered = withIntervals.Where(x => x.Needed.Fraction is not null).ToList();
        int notCovered = withIntervals.Count - covered.Count;
        bool failed = assertions.Any(a => a.Verdict == Verdict.Fail);
        var candidates = failed ? covered.Where(x => x.Assertion.Verdict == Verdict.Fail).ToList() : covered;
        if (candidates.Count == 0)
        {
            string reason = withIntervals.Count == 0 ? "no assertion has a confidence interval (exact or deterministic)"
                : failed ? "no failed assertion has a covered decision rule"
                : "no assertion has a covered decision rule";
            return new ClaimReplicatesNeeded(null, replicates, null, samplesUsed, null, null, covered.Count, notCovered, reason);
        }
        var deciding = failed ? candidates.MinBy(x => x.Needed.Fraction!.Value) : candidates.MaxBy(x => x.Needed.Fraction!.Value);
        double fraction = deciding.Needed.Fraction!.Value;
        return new ClaimReplicatesNeeded(fraction, replicates, Implied(fraction, replicates), samplesUsed, Implied(fraction, samplesUsed),
            deciding.Assertion.Name, covered.Count, notCovered, null);
    }

    // ⌈f·n⌉, or null when there is nothing to scale (no replicates recorded) or the product is beyond a long.
    private static long? Implied(double fraction, long count)
    {
        if (count <= 0) return null;
        double implied = Math.Ceiling(fraction * count);
        return implied < long.MaxValue ? (long)implied : null;
    }
}
