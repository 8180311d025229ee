using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// Coverage of the distribution-free quantile intervals and the DKWM band. All are conservative by theorem; each
/// assertion has false-fail rate 1e-6.
/// </summary>
public sealed class QuantileCoverageTests(ITestOutputHelper output)
{
    private const double Level = 0.95;

    [Fact]
    public void OrderStatisticIntervalCoversQuantiles()
    {
        CoverageCheck.Run(output, "order statistic, median of normal(0, 1), n = 25", 21,
            random => QuantileIntervals.Median(Draws.Sample(random, 25, Draws.StandardNormal), Level).Contains(0),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "order statistic, median of exponential(1) = ln 2, n = 25", 22,
            random => QuantileIntervals.Median(Draws.Sample(random, 25, r => Draws.Exponential(r, 1)), Level).Contains(Math.Log(2)),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "order statistic, 0.9-quantile of uniform(0, 1), n = 100", 23,
            random => QuantileIntervals.OrderStatistic(Draws.Sample(random, 100, r => r.NextDouble()), 0.9, Level).Contains(0.9),
            CoverageKind.Conservative, Level);
        // Discrete: the median of Bernoulli(0.3) is 0 (F(0) = 0.7 ≥ ½); the interval must still cover.
        CoverageCheck.Run(output, "order statistic, median of Bernoulli(0.3), n = 15", 24,
            random => QuantileIntervals.Median(Draws.Sample(random, 15, r => Draws.Bernoulli(r, 0.3)), Level).Contains(0),
            CoverageKind.Conservative, Level);
    }

    [Fact]
    public void DkwmQuantileIntervalCoversQuantiles()
    {
        CoverageCheck.Run(output, "DKWM quantile, median of exponential(1), n = 100", 25,
            random => QuantileIntervals.Dkwm(Draws.Sample(random, 100, r => Draws.Exponential(r, 1)), 0.5, Level).Contains(Math.Log(2)),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "DKWM quantile, 0.25-quantile of normal(0, 1), n = 200", 26,
            random => QuantileIntervals.Dkwm(Draws.Sample(random, 200, Draws.StandardNormal), 0.25, Level).Contains(-0.6744897501960817),
            CoverageKind.Conservative, Level);
    }

    [Fact]
    public void DkwmBandContainsTheDistributionFunction()
    {
        CoverageCheck.Run(output, "DKWM band, uniform(0, 1), n = 100", 27,
            random => CdfBand.Dkwm(Draws.Sample(random, 100, r => r.NextDouble()), Level).Contains(x => Math.Clamp(x, 0, 1)),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "DKWM band, normal(0, 1), n = 30", 28,
            random => CdfBand.Dkwm(Draws.Sample(random, 30, Draws.StandardNormal), Level).Contains(Draws.NormalDistributionFunction),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "DKWM band, exponential(1), n = 500", 29,
            random => CdfBand.Dkwm(Draws.Sample(random, 500, r => Draws.Exponential(r, 1)), Level).Contains(x => x <= 0 ? 0 : 1 - Math.Exp(-x)),
            CoverageKind.Conservative, Level);
    }
}
