using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using Xunit;
using Interval = LocalSgdVerify.Checks.Statistics.Interval;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class VerdictRulesTests
{
    private static Interval Span(double low, double high) =>
        new(low, high, double.IsFinite(low) ? (double.IsFinite(high) ? 0.5 * (low + high) : low) : (double.IsFinite(high) ? high : 0),
            0.95, "test", "hand-made interval");

    [Fact]
    public void RelativeToleranceHandCases()
    {
        // Predicted 10, ρ = 0.1: acceptance [9, 11].
        Assert.Equal(new Decision(Verdict.Pass, 0.5), VerdictRules.EqualsWithinRelativeTolerance(Span(9.5, 10.5), 10, 0.1));
        Assert.Equal(new Decision(Verdict.Fail, -2), VerdictRules.EqualsWithinRelativeTolerance(Span(11.5, 13), 10, 0.1));
        Assert.Equal(new Decision(Verdict.Inconclusive, -0.5), VerdictRules.EqualsWithinRelativeTolerance(Span(10, 11.5), 10, 0.1));
        // Wider than the acceptance region: never Pass, even when centred on the prediction.
        Assert.Equal(Verdict.Inconclusive, VerdictRules.EqualsWithinRelativeTolerance(Span(8, 12), 10, 0.1).Verdict);
        // A negative prediction uses |predicted|: acceptance [−11, −9].
        Assert.Equal(Verdict.Pass, VerdictRules.EqualsWithinRelativeTolerance(Span(-10.5, -9.5), -10, 0.1).Verdict);
    }

    [Fact]
    public void BoundHandCases()
    {
        Assert.Equal(new Decision(Verdict.Pass, 1), VerdictRules.AtMost(Span(2, 4), 5));
        Assert.Equal(new Decision(Verdict.Fail, -3), VerdictRules.AtMost(Span(6, 8), 5));
        Assert.Equal(new Decision(Verdict.Inconclusive, -1), VerdictRules.AtMost(Span(4, 6), 5));
        Assert.Equal(new Decision(Verdict.Pass, 1), VerdictRules.AtLeast(Span(6, 8), 5));
        Assert.Equal(new Decision(Verdict.Fail, -4), VerdictRules.AtLeast(Span(1, 4), 5)); // margin Low − bound
        Assert.Equal(new Decision(Verdict.Inconclusive, -1), VerdictRules.AtLeast(Span(4, 6), 5));
        // A one-sided interval can still decide on its bounded side.
        Assert.Equal(Verdict.Pass, VerdictRules.AtMost(Span(double.NegativeInfinity, 4), 5).Verdict);
    }

    [Fact]
    public void SlopeHandCases()
    {
        // Predicted exponent −1 ± 0.05.
        Assert.Equal(Verdict.Pass, VerdictRules.SlopeEquals(Span(-1.03, -0.98), -1, 0.05).Verdict);
        Assert.Equal(Verdict.Fail, VerdictRules.SlopeEquals(Span(-0.6, -0.4), -1, 0.05).Verdict);
        Assert.Equal(Verdict.Inconclusive, VerdictRules.SlopeEquals(Span(-1.1, -0.9), -1, 0.05).Verdict);
    }

    [Fact]
    public void UnboundedIntervalsAreInconclusive()
    {
        var whole = Span(double.NegativeInfinity, double.PositiveInfinity);
        Assert.Equal(Verdict.Inconclusive, VerdictRules.AtMost(whole, 1).Verdict);
        Assert.Equal(Verdict.Inconclusive, VerdictRules.AtLeast(whole, 1).Verdict);
        Assert.Equal(Verdict.Inconclusive, VerdictRules.EqualsWithinRelativeTolerance(whole, 1, 0.5).Verdict);
        Assert.Equal(double.NegativeInfinity, VerdictRules.AtMost(whole, 1).Margin);
    }

    private static Arbitrary<(double Low, double Width, double Shift)> Moves =>
        Samples.Zip3(
                Gen.Choose(-400, 400).Select(k => k / 20.0),
                Gen.Choose(0, 200).Select(k => k / 20.0),
                Gen.Choose(0, 200).Select(k => k / 20.0))
            .Select(triple => (triple.Item1, triple.Item2, triple.Item3))
            .ToArbitrary();

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Fail => 0,
        Verdict.Inconclusive => 1,
        _ => 2,
    };

    [Fact]
    public void MovingTowardsTheGoodSideNeverWorsensTheVerdict()
    {
        PropertyChecks.Verify(Prop.ForAll(Moves, move =>
        {
            var interval = Span(move.Low, move.Low + move.Width);
            var lower = Span(move.Low - move.Shift, move.Low + move.Width - move.Shift);
            var higher = Span(move.Low + move.Shift, move.Low + move.Width + move.Shift);
            var atMost = VerdictRules.AtMost(interval, 0);
            var atMostMoved = VerdictRules.AtMost(lower, 0);
            var atLeast = VerdictRules.AtLeast(interval, 0);
            var atLeastMoved = VerdictRules.AtLeast(higher, 0);
            return Rank(atMostMoved.Verdict) >= Rank(atMost.Verdict) && atMostMoved.Margin >= atMost.Margin
                && Rank(atLeastMoved.Verdict) >= Rank(atLeast.Verdict) && atLeastMoved.Margin >= atLeast.Margin;
        }));
    }

    [Fact]
    public void ShrinkingTheIntervalKeepsDecidedVerdictsAndPassMeansPositiveMargin()
    {
        PropertyChecks.Verify(Prop.ForAll(Moves, move =>
        {
            // The nested interval drops Shift/2 from each end (or collapses to the midpoint).
            var wide = Span(move.Low, move.Low + move.Width);
            double trim = Math.Min(move.Shift / 2, move.Width / 2);
            double narrowLow = move.Low + trim;
            var narrow = Span(narrowLow, Math.Max(narrowLow, move.Low + move.Width - trim));
            Decision[] wideDecisions =
            [
                VerdictRules.AtMost(wide, 1), VerdictRules.AtLeast(wide, 1),
                VerdictRules.EqualsWithinRelativeTolerance(wide, 2, 0.5), VerdictRules.SlopeEquals(wide, -1, 0.25),
            ];
            Decision[] narrowDecisions =
            [
                VerdictRules.AtMost(narrow, 1), VerdictRules.AtLeast(narrow, 1),
                VerdictRules.EqualsWithinRelativeTolerance(narrow, 2, 0.5), VerdictRules.SlopeEquals(narrow, -1, 0.25),
            ];
            return wideDecisions.Zip(narrowDecisions).All(pair =>
                    (pair.First.Verdict == Verdict.Inconclusive || pair.Second.Verdict == pair.First.Verdict)
                    && pair.Second.Margin >= pair.First.Margin)
                && wideDecisions.Concat(narrowDecisions).All(decision => (decision.Verdict == Verdict.Pass) == (decision.Margin >= 0));
        }));
    }
}
