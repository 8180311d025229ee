using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class QuantileIntervalsTests
{
    [Fact]
    public void MedianOfTenUsesSecondAndNinthOrderStatistics()
    {
        // B ~ Bin(10, ½): P(B ≤ 1) = 11/1024 ≤ 0.025 < P(B ≤ 2) = 56/1024, so l = 2; symmetrically u = 9.
        double[] values = [9.0, 3, 7, 1, 10, 5, 2, 8, 4, 6];
        var interval = QuantileIntervals.Median(values, 0.95);
        Assert.Equal(2, interval.Low);
        Assert.Equal(9, interval.High);
        Assert.Equal(5, interval.Estimate); // x₍⌈10·½⌉₎ = x₍₅₎
        Assert.Contains("ranks [2, 9]", interval.Assumption);
    }

    [Fact]
    public void MedianOfFiveCannotBeBoundedAtNinetyFivePercent()
    {
        // P(B ≤ 0) = 1/32 > 0.025: no order statistic is low enough, so the ends are the support bounds.
        var interval = QuantileIntervals.Median([1.0, 2, 3, 4, 5], 0.95);
        Assert.Equal(double.NegativeInfinity, interval.Low);
        Assert.Equal(double.PositiveInfinity, interval.High);
        var supported = QuantileIntervals.Median([1.0, 2, 3, 4, 5], 0.95, supportLow: 0, supportHigh: 6);
        Assert.Equal(0, supported.Low);
        Assert.Equal(6, supported.High);
    }

    [Fact]
    public void DkwmBandWidthFollowsMassart()
    {
        var band = CdfBand.Dkwm(Enumerable.Range(1, 100).Select(index => (double)index).ToArray(), 0.95);
        Assert.Equal(Math.Sqrt(Math.Log(40) / 200), band.Epsilon, 15);
        Assert.Equal(0.37, band.Empirical(37.5));
        Assert.Equal(0.37 - band.Epsilon, band.Lower(37.5), 15);
        Assert.Equal(1, band.Upper(99));
        Assert.Equal(0, band.Lower(3));
    }

    [Fact]
    public void KolmogorovDistanceOfOnePointIsKnownByHand()
    {
        // F_n jumps from 0 to 1 at 0.5 and F(x) = x: distance max(1 − 0.5, 0.5 − 0) = 0.5.
        var band = CdfBand.Dkwm([0.5], 0.95);
        Assert.Equal(0.5, band.DistanceTo(x => Math.Clamp(x, 0, 1)));
        // Sample {0.25, 0.75}: max(0.5 − 0.25, 0.25 − 0, 1 − 0.75, 0.75 − 0.5) = 0.25.
        Assert.Equal(0.25, CdfBand.Dkwm([0.75, 0.25], 0.95).DistanceTo(x => Math.Clamp(x, 0, 1)));
    }

    [Fact]
    public void DkwmMedianOfOneToHundredIsKnownByHand()
    {
        // ε = √(ln 40 / 200) ≈ 0.1358: ranks ⌈100·(0.5 − ε)⌉ = 37 and ⌈100·(0.5 + ε)⌉ = 64.
        var interval = QuantileIntervals.Dkwm(Enumerable.Range(1, 100).Select(index => (double)index).ToArray(), 0.5, 0.95);
        Assert.Equal(37, interval.Low);
        Assert.Equal(64, interval.High);
    }

    [Fact]
    public void QuantileIntervalsContainTheSampleQuantileAndDkwmIsWider()
    {
        var arbitrary = Samples.Zip3(
                Samples.ArrayOf(Samples.Value, 1, 200), Gen.Choose(1, 99).Select(percent => percent / 100.0), Samples.Level)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (values, probability, level) = input;
            var order = QuantileIntervals.OrderStatistic(values, probability, level);
            var dkwm = QuantileIntervals.Dkwm(values, probability, level);
            return order.Contains(order.Estimate) && dkwm.Contains(dkwm.Estimate)
                && dkwm.Low <= order.Low && order.High <= dkwm.High;
        }));
    }

    [Fact]
    public void OrderStatisticRanksHaveTheRequiredBinomialTails()
    {
        // Check the rank choice against the defining inequalities, using binomial tails summed term by term.
        var arbitrary = Samples.Zip3(Gen.Choose(1, 80), Gen.Choose(1, 19).Select(k => k / 20.0), Samples.Level).ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (count, probability, level) = input;
            double[] values = Enumerable.Range(1, count).Select(index => (double)index).ToArray();
            var interval = QuantileIntervals.OrderStatistic(values, probability, level);
            int low = double.IsFinite(interval.Low) ? (int)interval.Low : 0;
            int high = double.IsFinite(interval.High) ? (int)interval.High : count + 1;
            double tail = (1 - level) / 2;
            double[] mass = BinomialMasses(count, probability);
            double below(int rank) => mass.Take(Math.Max(rank, 0)).Sum(); // P(B ≤ rank − 1)
            double atOrAbove(int rank) => mass.Skip(rank).Sum(); // P(B ≥ rank)
            bool lowIsLargest = below(low) <= tail * (1 + 1e-9) && (low == count || below(low + 1) > tail * (1 - 1e-9));
            bool highIsSmallest = atOrAbove(high) <= tail * (1 + 1e-9) && (high == 1 || atOrAbove(high - 1) > tail * (1 - 1e-9));
            return lowIsLargest && highIsSmallest;
        }));
    }

    private static double[] BinomialMasses(int count, double probability)
    {
        double[] mass = new double[count + 1];
        for (int successes = 0; successes <= count; successes++)
        {
            double logMass = MathNet.Numerics.SpecialFunctions.FactorialLn(count)
                - MathNet.Numerics.SpecialFunctions.FactorialLn(successes)
                - MathNet.Numerics.SpecialFunctions.FactorialLn(count - successes)
                + successes * Math.Log(probability) + (count - successes) * Math.Log(1 - probability);
            mass[successes] = Math.Exp(logMass);
        }
        return mass;
    }
}
