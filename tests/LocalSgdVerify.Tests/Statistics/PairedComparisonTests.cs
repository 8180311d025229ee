using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using Xunit;
using static LocalSgdVerify.Tests.Statistics.NumericAssert;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class PairedComparisonTests
{
    // Pairs x = {3, 5, 4, 6}, y = {1, 2, 1, 2}: x̄ = 4.5, ȳ = 1.5; Σ(x − x̄)² = 5, Σ(y − ȳ)² = 1, Σ(x − x̄)(y − ȳ) = 2,
    // so the variances of the means are v_xx = 5/3/4 = 5/12, v_yy = 1/12 and v_xy = 2/3/4 = 1/6.
    private static readonly double[] Numerator = [3, 5, 4, 6];
    private static readonly double[] Denominator = [1, 2, 1, 2];
    private const double StudentQuantile975With3Degrees = 3.1824463052837091; // qt(0.975, 3)

    [Fact]
    public void FiellerIntervalIsKnownByHand()
    {
        double tSquared = StudentQuantile975With3Degrees * StudentQuantile975With3Degrees;
        double a = 2.25 - tSquared / 12;
        double b = -2 * (6.75 - tSquared / 6);
        double c = 20.25 - 5 * tSquared / 12;
        double root = Math.Sqrt(b * b - 4 * a * c);
        var result = PairedComparison.RatioOfMeansFieller(Numerator, Denominator, 0.95);
        Assert.Equal(RatioIntervalShape.Bounded, result.Shape);
        AssertClose((-b - root) / (2 * a), result.Interval.Low, 1e-10);
        AssertClose((-b + root) / (2 * a), result.Interval.High, 1e-10);
        Assert.Equal(3, result.Interval.Estimate);
    }

    [Fact]
    public void DeltaLogRatioIntervalIsKnownByHand()
    {
        // se² = v_xx/x̄² + v_yy/ȳ² − 2 v_xy/(x̄ ȳ) = (5/12)/20.25 + (1/12)/2.25 − 2(1/6)/6.75.
        double standardError = Math.Sqrt(5.0 / 12 / 20.25 + 1.0 / 12 / 2.25 - 2.0 / 6 / 6.75);
        var result = PairedComparison.RatioOfMeansLogDelta(Numerator, Denominator, 0.95);
        AssertClose(3 * Math.Exp(-StudentQuantile975With3Degrees * standardError), result.Interval.Low);
        AssertClose(3 * Math.Exp(StudentQuantile975With3Degrees * standardError), result.Interval.High);
    }

    [Fact]
    public void PairedDifferenceIsTheStudentIntervalOfDifferences()
    {
        // Differences {2, 3, 3, 4}: mean 3, s² = 2/3, se = √(2/3/4).
        var interval = PairedComparison.MeanDifference(Numerator, Denominator, 0.95);
        double halfWidth = StudentQuantile975With3Degrees * Math.Sqrt(2.0 / 3 / 4);
        AssertClose(3 - halfWidth, interval.Low);
        AssertClose(3 + halfWidth, interval.High);
        Assert.Equal("paired t", interval.Method);
    }

    [Fact]
    public void ProportionalPairsGiveTheExactRatio()
    {
        // x = 2y exactly: dᵢ = xᵢ − 2yᵢ = 0, so only R = 2 passes the t-test (a(R − 2)² ≤ 0).
        double[] denominator = [1, 2, 4, 3, 5, 2, 6];
        double[] numerator = denominator.Select(value => 2 * value).ToArray();
        var result = PairedComparison.RatioOfMeansFieller(numerator, denominator, 0.95);
        Assert.True(result.IsBounded);
        AssertClose(2, result.Interval.Low, 1e-6);
        AssertClose(2, result.Interval.High, 1e-6);
    }

    [Fact]
    public void NoisyDenominatorNearZeroIsUnboundedAndInconclusive()
    {
        // ȳ = 2 with v_yy = 1 and t_{0.975,1} ≈ 12.7: a = 4 − t² < 0. With x = 2y, b² = 4ac exactly: whole line.
        var whole = PairedComparison.RatioOfMeansFieller([2, 6], [1, 3], 0.95);
        Assert.Equal(RatioIntervalShape.WholeLine, whole.Shape);
        Assert.False(whole.IsBounded);
        Assert.Equal(double.NegativeInfinity, whole.Interval.Low);
        Assert.Equal(double.PositiveInfinity, whole.Interval.High);
        Assert.Equal(Verdict.Inconclusive, VerdictRules.EqualsWithinRelativeTolerance(whole.Interval, 2, 0.5).Verdict);

        // Uncorrelated pairs with a denominator straddling zero: two rays that exclude a middle segment.
        var rays = PairedComparison.RatioOfMeansFieller([10, 11, 9, 10], [1, -1, 2, -1.5], 0.95);
        Assert.Equal(RatioIntervalShape.OutsideInterval, rays.Shape);
        Assert.True(rays.ExcludedLow < rays.ExcludedHigh);
        Assert.False(rays.Contains(0.5 * (rays.ExcludedLow + rays.ExcludedHigh)));
        Assert.True(rays.Contains(rays.ExcludedHigh + 1));
        Assert.Equal(Verdict.Inconclusive, VerdictRules.AtMost(rays.Interval, 1e6).Verdict);
    }

    [Fact]
    public void FiellerEndsAreWhereThePairedTStatisticEqualsTheCriticalValue()
    {
        // Fieller's set is {R : |t-statistic of xᵢ − R yᵢ| ≤ t_{1−α/2, n−1}}: at each finite end the statistic equals it.
        var pairs = Samples.ArrayOf(Samples.PositiveValue, 3, 30)
            .SelectMany(denominator => Gen.ArrayOf(Gen.Choose(-300, 300), denominator.Length)
                .Select(noise => (numerator: denominator.Select((value, index) => 1.5 * value + noise[index] / 10.0).ToArray(), denominator)))
            .Where(pair => pair.denominator.Distinct().Count() > 1)
            .Zip(Samples.Level)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(pairs, input =>
        {
            var ((numerator, denominator), level) = input;
            var result = PairedComparison.RatioOfMeansFieller(numerator, denominator, level);
            double critical = CriticalValues.StudentT(numerator.Length - 1, (1 - level) / 2);
            double[] ends = result.Shape switch
            {
                RatioIntervalShape.Bounded => [result.Interval.Low, result.Interval.High],
                RatioIntervalShape.OutsideInterval => [result.ExcludedLow, result.ExcludedHigh],
                _ => [],
            };
            bool endsOnBoundary = ends.All(ratio =>
            {
                double[] differences = numerator.Select((value, index) => value - ratio * denominator[index]).ToArray();
                var summary = SampleSummary.Of(differences);
                double statistic = Math.Abs(summary.Mean) / summary.StandardError;
                return Math.Abs(statistic - critical) <= 1e-6 * critical;
            });
            return endsOnBoundary && result.Contains(result.Interval.Estimate);
        }));
    }

    [Fact]
    public void FiellerAndDeltaAgreeWhenTheDenominatorIsPrecise()
    {
        // Large n and small relative noise: both are first-order equivalent, so the ends agree to a few per mille.
        double[] denominator = Enumerable.Range(0, 400).Select(index => 10 + Math.Sin(index)).ToArray();
        double[] numerator = denominator.Select((value, index) => 3 * value + Math.Cos(3 * index)).ToArray();
        var fieller = PairedComparison.RatioOfMeans(numerator, denominator, 0.95).Interval;
        var delta = PairedComparison.RatioOfMeansLogDelta(numerator, denominator, 0.95).Interval;
        Assert.Equal("Fieller", fieller.Method);
        AssertClose(fieller.Low, delta.Low, 2e-3);
        AssertClose(fieller.High, delta.High, 2e-3);
    }

    [Fact]
    public void LogRatioStandardDeviationMatchesTheDeltaFormula()
    {
        // Per pair: √(n · se²) with the hand values above, n = 4.
        double expected = Math.Sqrt(4 * (5.0 / 12 / 20.25 + 1.0 / 12 / 2.25 - 2.0 / 6 / 6.75));
        AssertClose(expected, PairedComparison.LogRatioStandardDeviation(Numerator, Denominator));
    }

    [Fact]
    public void BadPairsGetOneClearMessage()
    {
        var lengths = Assert.Throws<ArgumentException>(() => PairedComparison.RatioOfMeans([1, 2, 3], [1, 2], 0.95));
        Assert.Contains("same length", lengths.Message);
        var negative = Assert.Throws<ArgumentException>(() => PairedComparison.RatioOfMeansLogDelta([1, 2], [-1, -2], 0.95));
        Assert.Contains("positive means", negative.Message);
    }
}
