using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The share of an assertion's replicates at which its verdict would first have been reached, assuming the interval
/// shrinks like 1/√n about a fixed point estimate: with h the half-width on the side facing the decisive boundary
/// (High − estimate or estimate − Low) and D the distance from the estimate to that boundary, the interval at
/// n' = f·n replicates has half-width h/√f, which meets the boundary when f = (h/D)².
/// </summary>
/// <remarks>
/// <para>Reading: for a pass, f &lt; 1 is the share of the replicates that would already have passed (room to spare);
/// for an inconclusive assertion, f &gt; 1 is how many times the replicates would decide it (if the estimate stayed
/// put); for a fail, f is the share at which the interval first excluded the prediction.</para>
/// <para>The geometry is that of <see cref="VerdictRules"/>: "≤ bound" (prediction with High only), "≥ bound" (Low
/// only) and "within [Low, High]" (both; a two-sided tolerance, whose band edges are the boundaries: with the
/// estimate inside the band both edges must be cleared, so f is the larger of the two sides' ratios squared; with
/// it outside, only the near edge matters). The rule is recognised only when re-deciding the recorded interval by it
/// reproduces the recorded verdict and margin; otherwise (another decision rule, for example a comparison of two
/// intervals with a moving boundary), an exact assertion without interval, an unbounded interval or an estimate on
/// the boundary, the estimate is not applicable and <see cref="NotApplicable"/> says why.</para>
/// <para>Only the measured interval is assumed to shrink; the bound is taken as fixed, which is why a prediction
/// whose own value lies outside its acceptance region (a bound taken from another estimate's interval) is not
/// covered.</para>
/// </remarks>
/// <param name="Fraction">f = (h/D)², or null when not applicable.</param>
/// <param name="Rule">The decision rule recognised: <c>at_most</c>, <c>at_least</c> or <c>within</c> (null when not applicable).</param>
/// <param name="HalfWidth">h, the half-width on the side facing the boundary that decides.</param>
/// <param name="Distance">D, the distance from the point estimate to that boundary.</param>
/// <param name="NotApplicable">Why the estimate does not apply; null when it does.</param>
public sealed record ReplicatesNeeded(double? Fraction, string? Rule, double? HalfWidth, double? Distance, string? NotApplicable)
{
    /// <summary>Rule name for "quantity ≤ bound".</summary>
    public const string AtMostRule = "at_most";

    /// <summary>Rule name for "quantity ≥ bound".</summary>
    public const string AtLeastRule = "at_least";

    /// <summary>Rule name for "quantity within [low, high]".</summary>
    public const string WithinRule = "within";

    /// <summary>The reason given for an exact assertion (a measured value without interval).</summary>
    public const string ExactReason = "exact: the measured value has no confidence interval";

    /// <summary>True when the estimate does not apply because the assertion is exact (no interval to shrink). A method, not a property, so report.json does not carry it.</summary>
    public bool IsExact() => NotApplicable == ExactReason;

    // A recomputed margin may differ from the recorded one by rounding (a tolerance band written as p·(1 − ρ) in the
    // prediction but decided as p − ρ|p|); anything beyond this relative slack is a different rule.
    private const double MarginSlack = 1e-9;

    /// <summary>Not applicable, with the reason.</summary>
    public static ReplicatesNeeded None(string reason) => new(null, null, null, null, reason);

    /// <summary>The estimate for one assertion, from its recorded interval, prediction bounds, verdict and margin.</summary>
    public static ReplicatesNeeded For(AssertionResult assertion)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var measured = assertion.Measured;
        if (measured.Low is not double low || measured.High is not double high)
            return None(ExactReason);
        var predicted = assertion.Predicted;
        if (predicted.Low is null && predicted.High is null)
            return None("the prediction has no bound");
        double estimate = measured.Value;
        if (!double.IsFinite(low) || !double.IsFinite(high) || !double.IsFinite(estimate))
            return None("unbounded interval: no replicate count is implied");
        if (predicted.Low is double l && !double.IsFinite(l) || predicted.High is double u && !double.IsFinite(u))
            return None("the prediction's bound is not finite");
        if (!(low <= estimate && estimate <= high))
            return None("the point estimate lies outside its interval");
        if (predicted.Low is double lowerEdge && predicted.High is double upperEdge && lowerEdge > upperEdge)
            return None("the prediction's band is empty (low above high)");
        if (predicted.Value is double value && !Accepts(value, predicted.Low, predicted.High))
            return None("the bound is not fixed: the predicted value lies outside its own acceptance region (a comparison with another estimate's interval)");
        var (rule, recomputed) = Redecide(low, high, predicted.Low, predicted.High);
        double scale = new[] { Math.Abs(low), Math.Abs(high), Math.Abs(predicted.Low ?? 0), Math.Abs(predicted.High ?? 0), 1e-300 }.Max();
        if (recomputed.Verdict != assertion.Verdict || !(Math.Abs(recomputed.Margin - assertion.Margin) <= MarginSlack * scale))
            return None($"the verdict does not follow the {Describe(rule)} rule on the recorded interval (another decision rule)");
        return Geometry(rule, estimate, low, high, predicted.Low, predicted.High);
    }

    /// <summary>
    /// The geometry alone, for an interval [<paramref name="low"/>, <paramref name="high"/>] about
    /// <paramref name="estimate"/> and the acceptance region bounded by <paramref name="lowerBound"/> and/or
    /// <paramref name="upperBound"/> (at least one given, all finite).
    /// </summary>
    public static ReplicatesNeeded Geometry(string rule, double estimate, double low, double high, double? lowerBound, double? upperBound)
    {
        switch (rule)
        {
            case AtMostRule:
            {
                double bound = upperBound!.Value;
                if (estimate == bound) return OnBoundary();
                return estimate < bound ? Of(rule, high - estimate, bound - estimate) : Of(rule, estimate - low, estimate - bound);
            }
            case AtLeastRule:
            {
                double bound = lowerBound!.Value;
                if (estimate == bound) return OnBoundary();
                return estimate > bound ? Of(rule, estimate - low, estimate - bound) : Of(rule, high - estimate, bound - estimate);
            }
            default:
            {
                double lower = lowerBound!.Value, upper = upperBound!.Value;
                if (estimate == lower || estimate == upper) return OnBoundary();
                if (estimate < lower) return Of(rule, high - estimate, lower - estimate);
                if (estimate > upper) return Of(rule, estimate - low, estimate - upper);
                // Inside the band: the side with the larger h/D is the last to clear its edge.
                var below = Of(rule, estimate - low, estimate - lower);
                var above = Of(rule, high - estimate, upper - estimate);
                return above.Fraction > below.Fraction ? above : below;
            }
        }
    }

    /// <summary>"≤ bound", "≥ bound" or "within the tolerance band", for messages.</summary>
    public static string Describe(string rule) => rule switch
    {
        AtMostRule => "≤ bound",
        AtLeastRule => "≥ bound",
        _ => "within the tolerance band",
    };

    private static ReplicatesNeeded Of(string rule, double halfWidth, double distance) =>
        new(halfWidth / distance * (halfWidth / distance), rule, halfWidth, distance, null);

    private static ReplicatesNeeded OnBoundary() => None("the point estimate lies on the boundary: no replicate count decides it");

    private static bool Accepts(double value, double? lowerBound, double? upperBound) =>
        (lowerBound is not double lower || value >= lower) && (upperBound is not double upper || value <= upper);

    private static (string Rule, Decision Decision) Redecide(double low, double high, double? lowerBound, double? upperBound)
    {
        var interval = new Interval(low, high, low + 0.5 * (high - low), 0.5, "recorded", "recorded");
        return (lowerBound, upperBound) switch
        {
            (null, double upper) => (AtMostRule, VerdictRules.AtMost(interval, upper)),
            (double lower, null) => (AtLeastRule, VerdictRules.AtLeast(interval, lower)),
            (double lower, double upper) => (WithinRule, VerdictRules.EqualsWithinAbsoluteTolerance(interval, 0.5 * (lower + upper), 0.5 * (upper - lower))),
            _ => throw new ArgumentException("a prediction needs a bound"),
        };
    }
}
