using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>
/// Hand-computed cases of f = (h/D)²: h is the half-width on the side facing the deciding boundary, D the distance
/// from the estimate to it. Every assertion is decided by <see cref="VerdictRules"/> itself, as the claims do.
/// </summary>
public sealed class ReplicatesNeededTests
{
    private const double Relative = 1e-12;

    internal static Interval Estimate(double low, double estimate, double high) => new(low, high, estimate, 0.95, "Student t", "normal mean");

    internal static AssertionResult Decided(string name, Interval interval, Decision decision, Prediction prediction) =>
        new(name, decision.Verdict, new Quantity("q", interval.Estimate, "", interval.Low, interval.High, interval.Level), prediction, decision.Margin, "test", 1e-6);

    internal static AssertionResult AtMost(double low, double estimate, double high, double bound)
    {
        var interval = Estimate(low, estimate, high);
        return Decided("at most", interval, VerdictRules.AtMost(interval, bound), new Prediction($"≤ {bound}", null, null, bound));
    }

    internal static AssertionResult AtLeast(double low, double estimate, double high, double bound)
    {
        var interval = Estimate(low, estimate, high);
        return Decided("at least", interval, VerdictRules.AtLeast(interval, bound), new Prediction($"≥ {bound}", null, bound, null));
    }

    internal static AssertionResult Within(double low, double estimate, double high, double lower, double upper)
    {
        var interval = Estimate(low, estimate, high);
        double center = 0.5 * (lower + upper);
        return Decided("within", interval, VerdictRules.EqualsWithinAbsoluteTolerance(interval, center, 0.5 * (upper - lower)),
            new Prediction($"{center} ± {0.5 * (upper - lower)}", center, lower, upper));
    }

    private static void AssertFraction(double expected, AssertionResult assertion, string rule, double halfWidth, double distance)
    {
        var needed = assertion.ReplicatesNeeded;
        Assert.True(needed.NotApplicable is null, $"expected a fraction, got: {needed.NotApplicable}");
        Assert.Equal(rule, needed.Rule);
        Assert.Equal(halfWidth, needed.HalfWidth!.Value, Relative * halfWidth);
        Assert.Equal(distance, needed.Distance!.Value, Relative * distance);
        Assert.Equal(expected, needed.Fraction!.Value, Relative * Math.Max(expected, 1e-300));
    }

    [Fact]
    public void UpperBoundPassUsesTheUpperHalfWidth()
    {
        // 1 [0.9, 1.2] ≤ 1.5: h = 1.2 − 1 = 0.2, D = 1.5 − 1 = 0.5, f = 0.4² = 0.16 (16 % of the replicates would have passed).
        var assertion = AtMost(0.9, 1, 1.2, 1.5);
        Assert.Equal(Verdict.Pass, assertion.Verdict);
        AssertFraction(0.16, assertion, ReplicatesNeeded.AtMostRule, 0.2, 0.5);
    }

    [Fact]
    public void LowerBoundPassUsesTheLowerHalfWidthOfAnAsymmetricInterval()
    {
        // 3 [2, 5] ≥ 1: only the lower side faces the bound, h = 1, D = 2, f = 0.25; the long upper side does not matter.
        var assertion = AtLeast(2, 3, 5, 1);
        Assert.Equal(Verdict.Pass, assertion.Verdict);
        AssertFraction(0.25, assertion, ReplicatesNeeded.AtLeastRule, 1, 2);
    }

    [Fact]
    public void TwoSidedToleranceTakesTheSideLastToClearItsEdge()
    {
        // 1 [0.9, 1.4] within [0, 1.5]: below (0.1/1)² = 0.01, above (0.4/0.5)² = 0.64; the upper edge decides.
        var upper = Within(0.9, 1, 1.4, 0, 1.5);
        Assert.Equal(Verdict.Pass, upper.Verdict);
        AssertFraction(0.64, upper, ReplicatesNeeded.WithinRule, 0.4, 0.5);
        // 1 [0.5, 1.25] within [0, 2]: below (0.5/1)² = 0.25, above (0.25/1)² = 0.0625; the lower edge decides.
        var lower = Within(0.5, 1, 1.25, 0, 2);
        AssertFraction(0.25, lower, ReplicatesNeeded.WithinRule, 0.5, 1);
    }

    [Fact]
    public void InconclusiveSaysHowManyTimesTheReplicatesWouldDecide()
    {
        // 1 [0.5, 2] ≤ 1.5 straddles the bound: h = 1, D = 0.5, f = 4 — four times the replicates.
        var assertion = AtMost(0.5, 1, 2, 1.5);
        Assert.Equal(Verdict.Inconclusive, assertion.Verdict);
        AssertFraction(4, assertion, ReplicatesNeeded.AtMostRule, 1, 0.5);
    }

    [Fact]
    public void FailGivesTheShareAtWhichTheIntervalFirstExcludedThePrediction()
    {
        // 1 [0.5, 1.5] ≥ 2 fails: the upper side faces the bound, h = 0.5, D = 1, f = 0.25.
        var below = AtLeast(0.5, 1, 1.5, 2);
        Assert.Equal(Verdict.Fail, below.Verdict);
        AssertFraction(0.25, below, ReplicatesNeeded.AtLeastRule, 0.5, 1);
        // 3 [2.5, 4] within [0, 2] fails above the band: only the near edge counts, h = 0.5, D = 1, f = 0.25.
        var above = Within(2.5, 3, 4, 0, 2);
        Assert.Equal(Verdict.Fail, above.Verdict);
        AssertFraction(0.25, above, ReplicatesNeeded.WithinRule, 0.5, 1);
    }

    [Fact]
    public void ARelativeToleranceBandWrittenAsPTimesOnePlusOrMinusRhoIsRecognised()
    {
        // As the claims write it: decided by EqualsWithinRelativeTolerance(p = 0.3, ρ = 0.1), recorded as [0.3·0.9, 0.3·1.1].
        var interval = Estimate(0.29, 0.3, 0.305);
        var assertion = Decided("relative", interval, VerdictRules.EqualsWithinRelativeTolerance(interval, 0.3, 0.1), new Prediction("0.3 ± 10%", 0.3, 0.3 * 0.9, 0.3 * 1.1));
        // below (0.01/0.03)² = 1/9, above (0.005/0.03)² = 1/36: the lower edge decides.
        AssertFraction(1.0 / 9, assertion, ReplicatesNeeded.WithinRule, 0.01, 0.03);
    }

    [Fact]
    public void AnExactAssertionIsNotApplicable()
    {
        var exact = Assertions.ExactlyEqual("path", 1 + 1e-15, 1, 1e-12);
        var needed = exact.ReplicatesNeeded;
        Assert.Null(needed.Fraction);
        Assert.Null(needed.Rule);
        Assert.True(needed.IsExact());
        Assert.Equal(ReplicatesNeeded.ExactReason, needed.NotApplicable);
    }

    [Fact]
    public void ABoundTakenFromAnotherIntervalIsNotApplicable()
    {
        // "median at 16T0 ≤ median at T0": the bound is the other interval's low end (9.6) below its own predicted value
        // 10, and the fail rule uses that interval's high end: a moving boundary the 1/√n picture of one interval misses.
        var assertion = new AssertionResult("no growth", Verdict.Pass, new Quantity("median", 2, "", 1.5, 2.5, 0.99),
            new Prediction("≤ median at T0", 10, null, 9.6), 9.6 - 2.5, "order statistics", 1e-6);
        var needed = assertion.ReplicatesNeeded;
        Assert.Null(needed.Fraction);
        Assert.StartsWith("the bound is not fixed", needed.NotApplicable, StringComparison.Ordinal);
    }

    [Fact]
    public void AVerdictOrMarginAnotherRuleProducedIsNotApplicable()
    {
        // Recorded margin 0.02 is not bound − High = 0.06 − 0.022 = 0.038: the assertion used another boundary.
        var assertion = new AssertionResult("vanishing", Verdict.Pass, new Quantity("advantage", 0.0215, "", 0.021, 0.022, 0.99),
            new Prediction("< f × main", 0, null, 0.06), 0.02, "t", 1e-6);
        Assert.StartsWith("the verdict does not follow the ≤ bound rule", assertion.ReplicatesNeeded.NotApplicable, StringComparison.Ordinal);
        // Recorded verdict Fail where "≥ 1" on [0.9, 1.2] is inconclusive.
        var wrongVerdict = new AssertionResult("strict", Verdict.Fail, new Quantity("r", 1, "", 0.9, 1.2), new Prediction("≥ 1", null, 1, null), 0.9 - 1, "t");
        Assert.Null(wrongVerdict.ReplicatesNeeded.Fraction);
    }

    [Fact]
    public void EstimateOnTheBoundaryUnboundedIntervalAndMissingBoundAreNotApplicable()
    {
        Assert.StartsWith("the point estimate lies on the boundary", AtMost(0.5, 1, 1.5, 1).ReplicatesNeeded.NotApplicable, StringComparison.Ordinal);
        var unbounded = Estimate(double.NegativeInfinity, 1, double.PositiveInfinity);
        var wide = Decided("wide", unbounded, VerdictRules.AtMost(unbounded, 2), new Prediction("≤ 2", null, null, 2));
        Assert.StartsWith("unbounded interval", wide.ReplicatesNeeded.NotApplicable, StringComparison.Ordinal);
        var noBound = new AssertionResult("slope", Verdict.Pass, new Quantity("s", -1, "", -1.1, -0.9), new Prediction("-1", -1), 0.1, "fit");
        Assert.Equal("the prediction has no bound", noBound.ReplicatesNeeded.NotApplicable);
    }

    [Fact]
    public void ClaimLevelTakesTheLargestFractionUnlessItFailed()
    {
        var quarter = AtLeast(2, 3, 5, 1);                 // f = 0.25, pass
        var sixteenPercent = AtMost(0.9, 1, 1.2, 1.5);     // f = 0.16, pass
        var exact = Assertions.ExactlyEqual("exact", 1, 1, 1e-12);
        var passing = ClaimReplicatesNeeded.For([sixteenPercent, quarter, exact], 1000, 6000);
        Assert.Equal(0.25, passing.Fraction!.Value, Relative);
        Assert.Equal(250, passing.ImpliedReplicates);
        Assert.Equal(1500, passing.ImpliedSamples);
        Assert.Equal("at least", passing.DecidingAssertion);
        Assert.Equal(2, passing.AssertionsCovered);
        Assert.Equal(0, passing.AssertionsNotCovered);

        // An inconclusive assertion (f = 4) sets an undecided claim: four times 1000 replicates.
        var undecided = ClaimReplicatesNeeded.For([quarter, AtMost(0.5, 1, 2, 1.5)], 1000, 2000);
        Assert.Equal(4, undecided.Fraction!.Value, Relative);
        Assert.Equal(4000, undecided.ImpliedReplicates);

        // A failing claim fails with its first failed assertion: the smallest failed fraction (0.25 over 0.5625),
        // the passing assertion with f = 0.16 does not count.
        var failEarly = AtLeast(0.5, 1, 1.5, 2);                  // f = (0.5/1)² = 0.25
        var failLate = AtMost(1.75, 2.5, 3, 1.5);                 // h = 0.75, D = 1, f = 0.5625
        var failing = ClaimReplicatesNeeded.For([sixteenPercent, failLate, failEarly], 400, 0);
        Assert.Equal(0.25, failing.Fraction!.Value, Relative);
        Assert.Equal(100, failing.ImpliedReplicates);
        Assert.Null(failing.ImpliedSamples);
    }

    [Fact]
    public void ClaimLevelIsNotApplicableWithoutCoveredAssertions()
    {
        var onlyExact = ClaimReplicatesNeeded.For([Assertions.ExactlyEqual("exact", 1, 1, 1e-12)], 8, 40);
        Assert.Null(onlyExact.Fraction);
        Assert.Equal("no assertion has a confidence interval (exact or deterministic)", onlyExact.NotApplicable);
        var noBound = new AssertionResult("slope", Verdict.Fail, new Quantity("s", -1, "", -1.1, -0.9), new Prediction("-1", -1), -0.1, "fit");
        var failedUncovered = ClaimReplicatesNeeded.For([noBound, AtMost(0.9, 1, 1.2, 1.5)], 8, 40);
        Assert.Null(failedUncovered.Fraction);
        Assert.Equal("no failed assertion has a covered decision rule", failedUncovered.NotApplicable);
        Assert.Equal(1, failedUncovered.AssertionsNotCovered);
    }
}
