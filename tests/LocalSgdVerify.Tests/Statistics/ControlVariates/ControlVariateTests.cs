using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using Xunit;
using static LocalSgdVerify.Tests.Statistics.NumericAssert;

namespace LocalSgdVerify.Tests.Statistics.ControlVariates;

public sealed class ControlVariateTests
{
    private const double StudentQuantile975With3Degrees = 3.1824463052837091; // qt(0.975, 3)

    [Fact]
    public void EstimateIsKnownByHand()
    {
        // Y = {2, 4, 5, 4, 5}, C = {1, 2, 3, 4, 5}, c = 2.5: Ȳ = 4, C̄ = 3, Σ(C − C̄)² = 10, Σ(C − C̄)(Y − Ȳ) = 6, Σ(Y − Ȳ)² = 6.
        // β̂ = 0.6, θ̂ = 4 − 0.6·0.5 = 3.7; residuals (−0.8, 0.6, 1, −0.6, −0.2), Σe² = 2.4, s² = 2.4/3 = 0.8;
        // se² = 0.8·(1/5 + 0.25/10) = 0.18; ρ = 6/√60, ρ² = 0.6, factor 2.5; plain se² = 6/4/5 = 0.3, so 5·0.3/0.18 replicates.
        var result = ControlVariate.Mean([2, 4, 5, 4, 5], [1, 2, 3, 4, 5], 2.5, 0.95);
        Assert.Equal(5, result.Count);
        AssertClose(0.6, result.Coefficient);
        AssertClose(3.7, result.Estimate);
        AssertClose(0.8, result.ResidualVariance);
        AssertClose(Math.Sqrt(0.18), result.StandardError);
        AssertClose(6 / Math.Sqrt(60), result.Correlation);
        AssertClose(2.5, result.VarianceReductionFactor);
        AssertClose(4, result.PlainMean);
        AssertClose(Math.Sqrt(0.3), result.PlainStandardError);
        AssertClose(5 * 0.3 / 0.18, result.EquivalentPlainReplicates);
        AssertClose(3.7 - StudentQuantile975With3Degrees * Math.Sqrt(0.18), result.Interval.Low, 1e-10);
        AssertClose(3.7 + StudentQuantile975With3Degrees * Math.Sqrt(0.18), result.Interval.High, 1e-10);
        Assert.Equal(0.95, result.Interval.Level);
        Assert.Contains("3 degrees of freedom", result.Interval.Assumption);
    }

    [Fact]
    public void OrthogonalControlLeavesThePlainMean()
    {
        // C alternates +1, −1 and Y repeats each value twice, so Σ(C − C̄)(Y − Ȳ) = 0 exactly: β̂ = 0, θ̂ = Ȳ whatever c is.
        var cases = Samples.ArrayOf(Samples.Value, 2, 30).Select(values => values.SelectMany(value => new[] { value, value }).ToArray())
            .Zip(Samples.Value)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(cases, input =>
        {
            var (responses, controlMean) = input;
            double[] controls = responses.Select((_, index) => index % 2 == 0 ? 1.0 : -1.0).ToArray();
            var result = ControlVariate.Mean(responses, controls, controlMean, 0.95);
            return result.Coefficient == 0 && result.Estimate == CompensatedSum.Mean(responses)
                && result.Correlation == 0 && result.VarianceReductionFactor == 1;
        }));
    }

    [Fact]
    public void ExactlyLinearResponseIsRecoveredExactly()
    {
        // Y = a + bC exactly: no residual, so θ̂ = a + b·c, β̂ = b and the interval has (numerically) zero width.
        var cases = Samples.Zip3(Samples.VaryingSample.Where(values => values.Length >= 3), Samples.Zip3(Samples.Value, Samples.Value, Samples.Value), Samples.Level)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(cases, input =>
        {
            var (controls, (intercept, slope, controlMean), level) = input;
            double[] responses = controls.Select(value => intercept + slope * value).ToArray();
            var result = ControlVariate.Mean(responses, controls, controlMean, level);
            double scale = Math.Abs(intercept) + Math.Abs(slope) * (controls.Max(Math.Abs) + Math.Abs(controlMean)) + 1;
            return Math.Abs(result.Estimate - (intercept + slope * controlMean)) <= 1e-12 * scale
                && Math.Abs(result.Coefficient - slope) <= 1e-12 * (Math.Abs(slope) + 1)
                && result.StandardError <= 1e-12 * scale
                && result.Interval.Width <= 1e-10 * scale;
        }));
    }

    [Fact]
    public void ShiftingControlAndItsMeanTogetherChangesNothing()
    {
        // θ̂, β̂ and se depend on C only through C − C̄ and C̄ − c.
        var cases = Samples.Zip3(Samples.VaryingSample.Where(values => values.Length >= 3), Samples.Value, Samples.Value)
            .SelectMany(triple => Gen.ArrayOf(Samples.Value, triple.Item1.Length).Select(controls => (triple, controls)))
            .Where(input => input.controls.Distinct().Count() > 1)
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(cases, input =>
        {
            var ((responses, controlMean, shift), controls) = input;
            var original = ControlVariate.Mean(responses, controls, controlMean, 0.9);
            var shifted = ControlVariate.Mean(responses, controls.Select(value => value + shift).ToArray(), controlMean + shift, 0.9);
            double scale = responses.Max(Math.Abs) + 1;
            return Math.Abs(original.Estimate - shifted.Estimate) <= 1e-11 * scale
                && Math.Abs(original.Coefficient - shifted.Coefficient) <= 1e-11 * (Math.Abs(original.Coefficient) + 1)
                && Math.Abs(original.StandardError - shifted.StandardError) <= 1e-11 * scale;
        }));
    }

    [Fact]
    public void RatioEndsAreWhereTheControlVariateTStatisticEqualsTheCriticalValue()
    {
        // The set is {R : |θ̂(X − R Y)|/se ≤ t_{1−α/2, n−2}} with θ̂ and se of the control-variate estimate of E[X − R Y]:
        // at each finite end the single-mean estimator, run on dᵢ = Xᵢ − R Yᵢ, gives a statistic equal to the critical value.
        var cases = Samples.ArrayOf(Samples.PositiveValue, 4, 30)
            .SelectMany(denominator => Gen.ArrayOf(Gen.Choose(-300, 300), denominator.Length)
                .SelectMany(noise => Gen.ArrayOf(Gen.Choose(-300, 300), denominator.Length)
                    .Select(control => (numerator: denominator.Select((value, index) => 1.5 * value + noise[index] / 10.0).ToArray(), denominator,
                        controls: control.Select((value, index) => value / 30.0 + noise[index] / 20.0).ToArray()))))
            .Where(input => input.denominator.Distinct().Count() > 1 && input.controls.Distinct().Count() > 1)
            .Zip(Samples.Zip3(Samples.Level, Samples.Value, Gen.Constant(0)))
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(cases, input =>
        {
            var ((numerator, denominator, controls), (level, controlMean, _)) = input;
            var result = ControlVariate.RatioOfMeansFieller(numerator, denominator, controls, controlMean, level);
            double critical = CriticalValues.StudentT(numerator.Length - 2, (1 - level) / 2);
            var ratio = result.Ratio;
            double[] ends = ratio.Shape switch
            {
                RatioIntervalShape.Bounded => [ratio.Interval.Low, ratio.Interval.High],
                RatioIntervalShape.OutsideInterval => [ratio.ExcludedLow, ratio.ExcludedHigh],
                _ => [],
            };
            bool endsOnBoundary = ends.All(end =>
            {
                double[] differences = numerator.Select((value, index) => value - end * denominator[index]).ToArray();
                var estimate = ControlVariate.Mean(differences, controls, controlMean, level);
                double statistic = Math.Abs(estimate.Estimate) / estimate.StandardError;
                return Math.Abs(statistic - critical) <= 1e-6 * critical;
            });
            bool pointEstimate = Math.Abs(ratio.Interval.Estimate - result.NumeratorEstimate / result.DenominatorEstimate) <= 1e-12 * Math.Abs(ratio.Interval.Estimate);
            return endsOnBoundary && pointEstimate && ratio.Contains(ratio.Interval.Estimate);
        }));
    }

    [Fact]
    public void RatioMeansAreTheSingleMeanEstimates()
    {
        double[] numerator = [3, 5, 4, 6, 7, 5];
        double[] denominator = [1, 2, 1, 2, 3, 2];
        double[] controls = [0.5, 1.5, 0.2, 1.1, 2.0, 0.9];
        var ratio = ControlVariate.RatioOfMeansFieller(numerator, denominator, controls, 1.0, 0.95);
        AssertClose(ControlVariate.Mean(numerator, controls, 1.0, 0.95).Estimate, ratio.NumeratorEstimate);
        AssertClose(ControlVariate.Mean(denominator, controls, 1.0, 0.95).Estimate, ratio.DenominatorEstimate);
        Assert.Equal("Fieller with control variate", ratio.Ratio.Interval.Method);
        Assert.True(ratio.VarianceReductionFactor >= 1);
    }

    public static TheoryData<string, double[], double[], double, double, string> BadInputs => new()
    {
        { "length mismatch", [1, 2, 3], [1, 2], 0, 0.95, "controls" },
        { "too few replicates", [1, 2], [1, 2], 0, 0.95, "responses" },
        { "non-finite response", [1, double.NaN, 3], [1, 2, 3], 0, 0.95, "responses" },
        { "infinite control", [1, 2, 3], [1, double.PositiveInfinity, 3], 0, 0.95, "controls" },
        { "non-finite control mean", [1, 2, 3], [1, 2, 3], double.NaN, 0.95, "controlMean" },
        { "level outside (0, 1)", [1, 2, 3], [1, 2, 3], 0, 1, "level" },
        { "constant control", [1, 2, 3], [4, 4, 4], 4, 0.95, "controls" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsRejectedWithTheFieldNamed(string why, double[] responses, double[] controls, double controlMean, double level, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ControlVariate.Mean(responses, controls, controlMean, level));
        Assert.True(error.ParamName == field, $"{why}: expected the field '{field}', got '{error.ParamName}' ({error.Message})");
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void RatioRejectsMismatchedResponses()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ControlVariate.RatioOfMeansFieller([1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4], 0, 0.95));
        Assert.Equal("denominator", error.ParamName);
    }
}
