namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Turns a confidence interval into a <see cref="Decision"/> for the common assertion shapes. The rule is the same
/// for all: Pass when the whole interval lies in the acceptance region, Fail when the whole interval lies outside
/// it, Inconclusive otherwise. A false Fail therefore needs the interval to miss the true value, which happens with
/// probability at most α = 1 − level; a wide interval (too few replicates) can only give Inconclusive, never Pass.
/// </summary>
public static class VerdictRules
{
    /// <summary>
    /// "Quantity equals <paramref name="predicted"/> within relative tolerance ρ": acceptance region
    /// [predicted − ρ|predicted|, predicted + ρ|predicted|]. Margin = min(Low − lower edge, upper edge − High).
    /// </summary>
    public static Decision EqualsWithinRelativeTolerance(Interval estimate, double predicted, double relativeTolerance)
    {
        Require.Finite(predicted, nameof(predicted));
        Require.NonNegative(relativeTolerance, nameof(relativeTolerance));
        double halfWidth = relativeTolerance * Math.Abs(predicted);
        return Within(estimate, predicted - halfWidth, predicted + halfWidth);
    }

    /// <summary>
    /// "Quantity equals <paramref name="predicted"/> within absolute tolerance τ": acceptance region
    /// [predicted − τ, predicted + τ]. Margin = min(Low − lower edge, upper edge − High).
    /// </summary>
    public static Decision EqualsWithinAbsoluteTolerance(Interval estimate, double predicted, double tolerance)
    {
        Require.Finite(predicted, nameof(predicted));
        Require.NonNegative(tolerance, nameof(tolerance));
        return Within(estimate, predicted - tolerance, predicted + tolerance);
    }

    /// <summary>
    /// "Fitted slope equals the predicted exponent within an absolute tolerance" (e.g. a rate 1/T fitted on a
    /// log–log scale must have slope −1 ± 0.05): the same rule as
    /// <see cref="EqualsWithinAbsoluteTolerance"/>, applied to the slope interval.
    /// </summary>
    public static Decision SlopeEquals(Interval slope, double predictedExponent, double tolerance) =>
        EqualsWithinAbsoluteTolerance(slope, predictedExponent, tolerance);

    /// <summary>
    /// "Quantity ≤ <paramref name="bound"/>": Pass when High ≤ bound, Fail when Low &gt; bound. Margin = bound − High.
    /// </summary>
    public static Decision AtMost(Interval estimate, double bound)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Require.Finite(bound, nameof(bound));
        var verdict = estimate.High <= bound ? Verdict.Pass
            : estimate.Low > bound ? Verdict.Fail
            : Verdict.Inconclusive;
        return new Decision(verdict, bound - estimate.High);
    }

    /// <summary>
    /// "Quantity ≥ <paramref name="bound"/>": Pass when Low ≥ bound, Fail when High &lt; bound. Margin = Low − bound.
    /// </summary>
    public static Decision AtLeast(Interval estimate, double bound)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Require.Finite(bound, nameof(bound));
        var verdict = estimate.Low >= bound ? Verdict.Pass
            : estimate.High < bound ? Verdict.Fail
            : Verdict.Inconclusive;
        return new Decision(verdict, estimate.Low - bound);
    }

    /// <summary>
    /// "A is larger than B" from two independent intervals, each at level 1 − α/2: Pass when Low(A) &gt; High(B), Fail
    /// when High(A) &lt; Low(B), otherwise Inconclusive. If both cover (probability ≥ 1 − α) a Fail means the true order
    /// is reversed, so the false-fail rate is at most α. Margin = Low(A) − High(B).
    /// </summary>
    public static Decision Exceeds(Interval larger, Interval smaller)
    {
        ArgumentNullException.ThrowIfNull(larger);
        ArgumentNullException.ThrowIfNull(smaller);
        var verdict = larger.Low > smaller.High ? Verdict.Pass : larger.High < smaller.Low ? Verdict.Fail : Verdict.Inconclusive;
        return new Decision(verdict, larger.Low - smaller.High);
    }

    private static Decision Within(Interval estimate, double lowerEdge, double upperEdge)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var verdict = estimate.Low >= lowerEdge && estimate.High <= upperEdge ? Verdict.Pass
            : estimate.High < lowerEdge || estimate.Low > upperEdge ? Verdict.Fail
            : Verdict.Inconclusive;
        return new Decision(verdict, Math.Min(estimate.Low - lowerEdge, upperEdge - estimate.High));
    }
}
