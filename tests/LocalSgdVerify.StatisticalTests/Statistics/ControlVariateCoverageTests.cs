using System.Globalization;
using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// Coverage of the control-variate intervals (<see cref="ControlVariate"/>) on synthetic experiments with a known mean
/// and a control of known mean. Each assertion has false-fail rate 1e-6 (<see cref="CoverageCheck.FalseFailRate"/>).
/// </summary>
public sealed class ControlVariateCoverageTests(ITestOutputHelper output)
{
    private const double Level = 0.95;

    [Fact]
    public void MeanIntervalIsExactUnderTheNormalLinearModel()
    {
        // Y = 1.5 + 2(C − 3) + 0.5ε, C ~ N(3, 1), ε ~ N(0, 1): the interval is exact given the controls (t with n − 2 = 8
        // degrees of freedom), hence exact unconditionally. n = 10 is small enough that n − 1 degrees of freedom or a
        // forgotten (C̄ − c)² term would show.
        double reduction = 0;
        CoverageCheck.Run(output, "control variate, normal linear model, n = 10", 51,
            random =>
            {
                double[] controls = Draws.Sample(random, 10, r => 3 + Draws.StandardNormal(r));
                double[] responses = controls.Select(control => 1.5 + 2 * (control - 3) + 0.5 * Draws.StandardNormal(random)).ToArray();
                var result = ControlVariate.Mean(responses, controls, 3, Level);
                reduction += result.VarianceReductionFactor;
                return result.Interval.Contains(1.5);
            },
            CoverageKind.Exact, Level);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  mean estimated variance-reduction factor {reduction / CoverageCheck.Repetitions:F2} (model: 1/(1 − ρ²) = 1 + 4/0.25 = 17)"));
    }

    [Fact]
    public void MeanIntervalIsNearNominalForANonlinearResponse()
    {
        // Glasserman's textbook case: Y = e^U + 0.2ε with U ~ uniform(0, 1) as the control (E U = ½), E Y = e − 1. Y is not
        // linear in U, so the residuals are not normal and not homoscedastic: asymptotic at n = 50, allowance 0.015.
        CoverageCheck.Run(output, "control variate, Y = exp(U) + noise, n = 50", 52,
            random =>
            {
                double[] controls = Draws.Sample(random, 50, r => r.NextDouble());
                double[] responses = controls.Select(control => Math.Exp(control) + 0.2 * Draws.StandardNormal(random)).ToArray();
                return ControlVariate.Mean(responses, controls, 0.5, Level).Interval.Contains(Math.E - 1);
            },
            CoverageKind.Asymptotic, Level, allowance: 0.015);
    }

    [Fact]
    public void RatioSetIsExactUnderTheNormalLinearModel()
    {
        // X = 3 + (C − 0) + 0.5ε₁, Y = 2 + 0.5C + 0.3ε₂, C ~ N(0, 1), corr(ε₁, ε₂) = 0.6: E X/E Y = 1.5; for every R the
        // control-variate t statistic of X − R Y is exactly t with n − 2 = 10 degrees of freedom, so the set is exact.
        CoverageCheck.Run(output, "Fieller with control variate, normal linear model, ratio 1.5, n = 12", 53,
            random =>
            {
                double[] controls = Draws.Sample(random, 12, Draws.StandardNormal);
                var (first, second) = Draws.CorrelatedNormalPairs(random, 12, 0, 0, 0.5, 0.3, 0.6);
                double[] numerator = controls.Select((control, index) => 3 + control + first[index]).ToArray();
                double[] denominator = controls.Select((control, index) => 2 + 0.5 * control + second[index]).ToArray();
                return ControlVariate.RatioOfMeansFieller(numerator, denominator, controls, 0, Level).Ratio.Contains(1.5);
            },
            CoverageKind.Exact, Level);
    }

    [Fact]
    public void RatioSetIsNearNominalForNonlinearResponses()
    {
        // X = e^U + 0.1ε₁ and Y = e^{U/2} + 0.1ε₂ with the control U ~ uniform(0, 1): E X/E Y = (e − 1)/(2(√e − 1)).
        // Not linear in U: asymptotic at n = 60, allowance 0.015.
        double truth = (Math.E - 1) / (2 * (Math.Sqrt(Math.E) - 1));
        CoverageCheck.Run(output, "Fieller with control variate, exponential responses, n = 60", 54,
            random =>
            {
                double[] controls = Draws.Sample(random, 60, r => r.NextDouble());
                double[] numerator = controls.Select(control => Math.Exp(control) + 0.1 * Draws.StandardNormal(random)).ToArray();
                double[] denominator = controls.Select(control => Math.Exp(control / 2) + 0.1 * Draws.StandardNormal(random)).ToArray();
                return ControlVariate.RatioOfMeansFieller(numerator, denominator, controls, 0.5, Level).Ratio.Contains(truth);
            },
            CoverageKind.Asymptotic, Level, allowance: 0.015);
    }
}
