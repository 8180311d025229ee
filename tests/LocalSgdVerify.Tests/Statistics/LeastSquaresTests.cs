using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using Xunit;
using static LocalSgdVerify.Tests.Statistics.NumericAssert;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class LeastSquaresTests
{
    private static readonly double StudentQuantile975With1Degree = 1 / Math.Tan(0.025 * Math.PI); // Cauchy quantile

    [Fact]
    public void ThreePointFitIsKnownByHand()
    {
        // x = {0, 1, 2}, y = {1, 3, 2}: x̄ = 1, ȳ = 2, S_xx = 2, S_xy = 1, S_yy = 2 → b̂ = ½, â = 3/2;
        // residuals {−½, 1, −½}: SSE = 3/2, σ̂² = 3/2 (1 degree of freedom), se(b̂) = √(3/4), se(â) = √(3/2 · (1/3 + 1/2)).
        var fit = LeastSquares.Fit([0, 1, 2], [1, 3, 2], 0.95);
        AssertClose(0.5, fit.Slope);
        AssertClose(1.5, fit.Intercept);
        AssertClose(Math.Sqrt(1.5), fit.ResidualStandardError);
        AssertClose(Math.Sqrt(0.75), fit.SlopeStandardError);
        AssertClose(Math.Sqrt(1.25), fit.InterceptStandardError);
        AssertClose(0.25, fit.RSquared);
        Assert.Equal(1, fit.DegreesOfFreedom);
        AssertClose(0.5 - StudentQuantile975With1Degree * Math.Sqrt(0.75), fit.SlopeInterval.Low);
        AssertClose(0.5 + StudentQuantile975With1Degree * Math.Sqrt(0.75), fit.SlopeInterval.High);
        AssertClose(1.5 + StudentQuantile975With1Degree * Math.Sqrt(1.25), fit.InterceptInterval.High);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    [InlineData(-1.5)]
    [InlineData(2.0)]
    public void ExactPowerLawGivesTheExponent(double exponent)
    {
        double[] x = [1, 2, 4, 10, 32, 100, 1000];
        double[] y = x.Select(value => 3.7 * Math.Pow(value, exponent)).ToArray();
        var fit = LeastSquares.FitPowerLaw(x, y, 0.95);
        AssertClose(exponent, fit.Slope);
        AssertClose(Math.Log(3.7), fit.Intercept);
        AssertClose(1, fit.RSquared);
        Assert.True(fit.SlopeInterval.Width < 1e-12, $"slope interval width {fit.SlopeInterval.Width:R} should vanish on exact data");

        double[] standardErrors = y.Select((value, index) => value * (0.01 + 0.02 * index)).ToArray();
        var weighted = LeastSquares.FitPowerLawWeighted(x, y, standardErrors, 0.95);
        AssertClose(exponent, weighted.Slope);
        var known = LeastSquares.FitPowerLawWeighted(x, y, standardErrors, 0.95, WeightScale.KnownStandardErrors);
        AssertClose(exponent, known.Slope);
    }

    [Fact]
    public void KnownStandardErrorsUseTheInverseInformation()
    {
        // Weights w = {1, 4, 1} at x = {0, 1, 2}: Σw = 6, x̄_w = 1, S_xx = 2 → se(b̂) = 1/√2, se(â) = √(1/6 + 1/2).
        var fit = LeastSquares.FitWeighted([0, 1, 2], [1, 3, 2], [1, 4, 1], 0.95, WeightScale.KnownStandardErrors);
        AssertClose(Math.Sqrt(0.5), fit.SlopeStandardError);
        AssertClose(Math.Sqrt(1.0 / 6 + 0.5), fit.InterceptStandardError);
        AssertClose(0.5 + 1.959963984540054 * Math.Sqrt(0.5), fit.SlopeInterval.High);
    }

    [Fact]
    public void IntegerWeightsEqualRepeatedPoints()
    {
        // Weight k on a point gives the same estimates as repeating the point k times.
        var arbitrary = Gen.Choose(3, 12)
            .SelectMany(count => Samples.Zip3(
                Gen.ArrayOf(Gen.Choose(-50, 50).Select(k => k / 5.0), count),
                Gen.ArrayOf(Gen.Choose(-500, 500).Select(k => k / 7.0), count),
                Gen.ArrayOf(Gen.Choose(1, 4), count)))
            .Where(input => input.Item1.Distinct().Count() > 1)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (x, y, multiplicity) = input;
            var weighted = LeastSquares.FitWeighted(
                x, y, multiplicity.Select(value => (double)value).ToArray(), 0.95, WeightScale.EstimatedFromResiduals);
            double[] repeatedX = x.SelectMany((value, index) => Enumerable.Repeat(value, multiplicity[index])).ToArray();
            double[] repeatedY = y.SelectMany((value, index) => Enumerable.Repeat(value, multiplicity[index])).ToArray();
            var repeated = LeastSquares.Fit(repeatedX, repeatedY, 0.95);
            double scale = 1 + Math.Abs(repeated.Slope) + Math.Abs(repeated.Intercept);
            return Math.Abs(weighted.Slope - repeated.Slope) <= 1e-10 * scale
                && Math.Abs(weighted.Intercept - repeated.Intercept) <= 1e-10 * scale;
        }));
    }

    [Fact]
    public void AddingALineShiftsTheSlopeAndTheIntervalContainsTheEstimate()
    {
        var arbitrary = Gen.Choose(3, 15)
            .SelectMany(count => Samples.Zip3(
                Gen.ArrayOf(Gen.Choose(-50, 50).Select(k => k / 5.0), count),
                Gen.ArrayOf(Gen.Choose(-500, 500).Select(k => k / 7.0), count),
                Gen.Choose(-20, 20).Select(k => k / 4.0)))
            .Where(input => input.Item1.Distinct().Count() > 1)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (x, y, shift) = input;
            var fit = LeastSquares.Fit(x, y, 0.95);
            var shifted = LeastSquares.Fit(x, y.Select((value, index) => value + shift * x[index]).ToArray(), 0.95);
            double scale = 1 + Math.Abs(fit.Slope) + Math.Abs(shift);
            return Math.Abs(shifted.Slope - (fit.Slope + shift)) <= 1e-10 * scale
                && Math.Abs(shifted.SlopeStandardError - fit.SlopeStandardError) <= 1e-8 * (1 + fit.SlopeStandardError)
                && fit.SlopeInterval.Contains(fit.Slope)
                && fit.InterceptInterval.Contains(fit.Intercept)
                && fit.RSquared <= 1 + 1e-12;
        }));
    }

    [Fact]
    public void PermutingThePointsChangesNothingButRounding()
    {
        var arbitrary = Gen.Choose(3, 15)
            .SelectMany(count => Gen.Zip(
                Gen.ArrayOf(Gen.Choose(-50, 50).Select(k => k / 5.0), count),
                Gen.ArrayOf(Gen.Choose(-500, 500).Select(k => k / 7.0), count)))
            .Where(input => input.Item1.Distinct().Count() > 1)
            .SelectMany(input => Gen.Shuffle(Enumerable.Range(0, input.Item1.Length).ToArray())
                .Select(order => (input.Item1, input.Item2, order)))
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, input =>
        {
            var (x, y, order) = input;
            var fit = LeastSquares.Fit(x, y, 0.95);
            var permuted = LeastSquares.Fit(order.Select(index => x[index]).ToArray(), order.Select(index => y[index]).ToArray(), 0.95);
            double scale = 1 + Math.Abs(fit.Slope) + Math.Abs(fit.Intercept);
            return Math.Abs(fit.Slope - permuted.Slope) <= 1e-12 * scale
                && Math.Abs(fit.Intercept - permuted.Intercept) <= 1e-12 * scale;
        }));
    }

    [Fact]
    public void BadPointsGetOneClearMessage()
    {
        var sameX = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1, 1, 1], [1, 2, 3], 0.95));
        Assert.Contains("distinct", sameX.Message);
        var tooFew = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1, 2], [1, 2], 0.95));
        Assert.Contains("at least 3", tooFew.Message);
        var negative = Assert.Throws<ArgumentException>(() => LeastSquares.FitPowerLaw([1, 2, 3], [1, -2, 3], 0.95));
        Assert.Contains("y[1]", negative.Message);
    }
}
