using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// Coverage of the log–log slope interval on noisy power laws y = C xᵏ with known exponent k. Each assertion has
/// false-fail rate 1e-6.
/// </summary>
public sealed class RateFitCoverageTests(ITestOutputHelper output)
{
    private const double Level = 0.95;
    private const double Exponent = -1.0;
    private const double Constant = 5.0;
    private static readonly double[] Horizons = [10, 20, 40, 80, 160, 320, 640, 1280];

    [Fact]
    public void OrdinarySlopeIsExactForLogNormalNoise()
    {
        // ln y = ln C + k ln x + 0.2 ε: the normal linear model, so the t_{n−2} interval is exact.
        CoverageCheck.Run(output, "OLS log-log slope, log-normal noise σ = 0.2, 8 points", 41,
            random =>
            {
                double[] y = Horizons.Select(x => Constant * Math.Pow(x, Exponent) * Math.Exp(0.2 * Draws.StandardNormal(random))).ToArray();
                return LeastSquares.FitPowerLaw(Horizons, y, Level).SlopeInterval.Contains(Exponent);
            },
            CoverageKind.Exact, Level);
    }

    [Fact]
    public void WeightedSlopeIsExactForHeteroscedasticLogNormalNoise()
    {
        // σᵢ of ln yᵢ grows with i; reported se(yᵢ) = σᵢ yᵢ, so the delta-method weights are exactly 1/σᵢ².
        double[] deviations = Horizons.Select((_, index) => 0.05 * (1 + index)).ToArray();
        double[] Draw(Random random, out double[] standardErrors)
        {
            double[] y = Horizons.Select((x, index) =>
                Constant * Math.Pow(x, Exponent) * Math.Exp(deviations[index] * Draws.StandardNormal(random))).ToArray();
            standardErrors = y.Select((value, index) => deviations[index] * value).ToArray();
            return y;
        }

        CoverageCheck.Run(output, "WLS log-log slope, scale from residuals, 8 points", 42,
            random =>
            {
                double[] y = Draw(random, out double[] standardErrors);
                return LeastSquares.FitPowerLawWeighted(Horizons, y, standardErrors, Level).SlopeInterval.Contains(Exponent);
            },
            CoverageKind.Exact, Level);
        CoverageCheck.Run(output, "WLS log-log slope, known standard errors, 8 points", 43,
            random =>
            {
                double[] y = Draw(random, out double[] standardErrors);
                return LeastSquares.FitPowerLawWeighted(Horizons, y, standardErrors, Level, WeightScale.KnownStandardErrors)
                    .SlopeInterval.Contains(Exponent);
            },
            CoverageKind.Exact, Level);
    }

    [Fact]
    public void WeightedSlopeIsNearNominalForMonteCarloMeans()
    {
        // Each yᵢ is the mean of 100 exponential replicates with mean C xᵏ and se from their sample deviation — the
        // shape of a rate check on simulated losses. Delta method, estimated weights and the ln of a mean (bias
        // −1/(2·100)) make it asymptotic; allowance 0.02.
        CoverageCheck.Run(output, "WLS log-log slope, means of 100 exponential replicates, 8 points", 44,
            random =>
            {
                double[] y = new double[Horizons.Length];
                double[] standardErrors = new double[Horizons.Length];
                for (int index = 0; index < Horizons.Length; index++)
                {
                    double mean = Constant * Math.Pow(Horizons[index], Exponent);
                    var summary = SampleSummary.Of(Draws.Sample(random, 100, r => Draws.Exponential(r, mean)));
                    y[index] = summary.Mean;
                    standardErrors[index] = summary.StandardError;
                }
                return LeastSquares.FitPowerLawWeighted(Horizons, y, standardErrors, Level).SlopeInterval.Contains(Exponent);
            },
            CoverageKind.Asymptotic, Level, allowance: 0.02);
    }
}
