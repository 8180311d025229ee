using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using Xunit;
using Interval = LocalSgdVerify.Checks.Statistics.Interval;
using static LocalSgdVerify.Tests.Statistics.NumericAssert;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class MeanIntervalsTests
{
    private const double StudentQuantile975With4Degrees = 2.776445105197794358; // t_{0.975, 4}, see CriticalValuesTests
    private const double NormalQuantile975 = 1.959963984540054; // qnorm(0.975)

    [Fact]
    public void StudentIntervalOfOneToFiveIsKnownByHand()
    {
        // x̄ = 3, s² = 2.5, se = √(2.5/5) = √0.5, half-width = t_{0.975,4} · √0.5.
        var interval = MeanIntervals.StudentT([1, 2, 3, 4, 5], 0.95);
        double halfWidth = StudentQuantile975With4Degrees * Math.Sqrt(0.5);
        AssertClose(3 - halfWidth, interval.Low);
        AssertClose(3 + halfWidth, interval.High);
        Assert.Equal(3, interval.Estimate);
        Assert.Equal(0.95, interval.Level);
        Assert.Contains("4 degrees of freedom", interval.Assumption);
        Assert.Contains("n = 5", interval.Assumption);
    }

    [Fact]
    public void NormalIntervalOfOneToFiveIsKnownByHand()
    {
        var interval = MeanIntervals.Normal([1, 2, 3, 4, 5], 0.95);
        double halfWidth = NormalQuantile975 * Math.Sqrt(0.5);
        AssertClose(3 - halfWidth, interval.Low);
        AssertClose(3 + halfWidth, interval.High);
        Assert.Equal("normal sampling distribution of the mean (CLT), n = 5", interval.Assumption);
    }

    [Fact]
    public void HoeffdingWidthFollowsTheFormula()
    {
        // 100 values in [0, 1] with mean 0.5: width = (b − a)·2·√(ln(2/α)/(2n)), here 2·√(ln 40 / 200).
        double[] values = Enumerable.Range(0, 100).Select(index => index % 2 == 0 ? 0.25 : 0.75).ToArray();
        var interval = MeanIntervals.Hoeffding(values, 0, 1, 0.95);
        AssertClose(2 * Math.Sqrt(Math.Log(40) / 200), interval.Width);
        Assert.Equal(0.5, interval.Estimate);

        // Scaling the range scales the half-width: (b − a) = 4.
        AssertClose(4 * Math.Sqrt(Math.Log(2 / 0.01) / (2 * 50)), MeanIntervals.HoeffdingHalfWidth(50, -1, 3, 0.99));
    }

    [Fact]
    public void HoeffdingIsClippedToTheDeclaredRange()
    {
        var interval = MeanIntervals.Hoeffding([0, 0, 0], 0, 1, 0.95);
        Assert.Equal(0, interval.Low);
        AssertClose(Math.Sqrt(Math.Log(40) / 6), interval.High);
    }

    [Fact]
    public void EmpiricalBernsteinFollowsMaurerPontil()
    {
        // 200 values in [0, 1]: 20 ones, 180 zeros: x̄ = 0.1, s² = 200·0.1·0.9/199.
        double[] values = Enumerable.Range(0, 200).Select(index => index < 20 ? 1.0 : 0.0).ToArray();
        var interval = MeanIntervals.EmpiricalBernstein(values, 0, 1, 0.95);
        double variance = 200 * 0.1 * 0.9 / 199;
        double logTerm = Math.Log(4 / 0.05);
        double halfWidth = Math.Sqrt(2 * variance * logTerm / 200) + 7 * logTerm / (3.0 * 199);
        AssertClose(Math.Max(0, 0.1 - halfWidth), interval.Low);
        AssertClose(0.1 + halfWidth, interval.High);
    }

    [Fact]
    public void EmpiricalBernsteinBeatsHoeffdingWhenVarianceIsSmall()
    {
        // 10000 values, 1% ones: Hoeffding ignores the variance, Bernstein exploits it.
        double[] values = Enumerable.Range(0, 10000).Select(index => index % 100 == 0 ? 1.0 : 0.0).ToArray();
        var bernstein = MeanIntervals.EmpiricalBernstein(values, 0, 1, 0.95);
        var hoeffding = MeanIntervals.Hoeffding(values, 0, 1, 0.95);
        Assert.True(bernstein.High - bernstein.Estimate < 0.5 * (hoeffding.High - hoeffding.Estimate),
            $"Bernstein upper half-width {bernstein.High - bernstein.Estimate:R} should be below half Hoeffding's {hoeffding.High - hoeffding.Estimate:R}");
    }

    [Fact]
    public void EveryIntervalContainsItsEstimate()
    {
        var arbitrary = Samples.ArrayOf(Samples.UnitValue, 2, 60).Zip(Samples.Level).ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (values, level) = input;
            Interval[] intervals =
            [
                MeanIntervals.StudentT(values, level),
                MeanIntervals.Normal(values, level),
                MeanIntervals.Hoeffding(values, 0, 1, level),
                MeanIntervals.EmpiricalBernstein(values, 0, 1, level),
            ];
            return intervals.All(interval => interval.Contains(interval.Estimate) && interval.Low <= interval.High);
        }));
    }

    [Fact]
    public void WidthShrinksWhenTheSampleIsRepeated()
    {
        // Doubling a non-constant sample keeps its mean, lowers s² by (2n − 2)/(2n − 1), doubles n and adds degrees
        // of freedom: every interval must get narrower (or stay clipped to the range).
        var arbitrary = Samples.ArrayOf(Samples.UnitValue, 2, 40)
            .Where(values => values.Distinct().Count() > 1)
            .Zip(Samples.Level)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (values, level) = input;
            double[] doubled = [.. values, .. values];
            return MeanIntervals.StudentT(doubled, level).Width < MeanIntervals.StudentT(values, level).Width
                && MeanIntervals.Normal(doubled, level).Width < MeanIntervals.Normal(values, level).Width
                && MeanIntervals.Hoeffding(doubled, 0, 1, level).Width <= MeanIntervals.Hoeffding(values, 0, 1, level).Width
                && MeanIntervals.EmpiricalBernstein(doubled, 0, 1, level).Width
                    <= MeanIntervals.EmpiricalBernstein(values, 0, 1, level).Width
                && MeanIntervals.HoeffdingHalfWidth(doubled.Length, 0, 1, level)
                    < MeanIntervals.HoeffdingHalfWidth(values.Length, 0, 1, level);
        }));
    }

    [Fact]
    public void HigherLevelGivesANestedWiderInterval()
    {
        var arbitrary = Samples.ArrayOf(Samples.UnitValue, 2, 40).Where(values => values.Distinct().Count() > 1).ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, values =>
        {
            var narrow = MeanIntervals.StudentT(values, 0.9);
            var wide = MeanIntervals.StudentT(values, 0.999);
            var narrowHoeffding = MeanIntervals.Hoeffding(values, 0, 1, 0.9);
            var wideHoeffding = MeanIntervals.Hoeffding(values, 0, 1, 0.999);
            return wide.Low < narrow.Low && narrow.High < wide.High
                && wideHoeffding.Low <= narrowHoeffding.Low && narrowHoeffding.High <= wideHoeffding.High;
        }));
    }

    [Fact]
    public void SamplesOutsideTheDeclaredRangeAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MeanIntervals.Hoeffding([0.5, 1.5], 0, 1, 0.95));
        Assert.Contains("values[1]", error.Message);
        Assert.Contains("[0, 1]", error.Message);
    }

    [Fact]
    public void LevelOutsideTheUnitIntervalIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MeanIntervals.StudentT([1, 2, 3], 95));
        Assert.Contains("level", error.Message);
    }
}
