using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>
/// Coverage of the mean intervals on distributions with known means. Each assertion has false-fail rate 1e-6
/// (<see cref="CoverageCheck.FalseFailRate"/>); allowances for asymptotic methods are stated beside each case.
/// </summary>
public sealed class MeanIntervalCoverageTests(ITestOutputHelper output)
{
    private const double Level = 0.95;

    [Fact]
    public void StudentIntervalIsExactForNormalSamples()
    {
        CoverageCheck.Run(output, "Student t, normal(2, 3²), n = 10", 1,
            random => MeanIntervals.StudentT(Draws.Sample(random, 10, r => 2 + 3 * Draws.StandardNormal(r)), Level).Contains(2),
            CoverageKind.Exact, Level);
        CoverageCheck.Run(output, "Student t, normal(2, 3²), n = 4, level 0.99", 2,
            random => MeanIntervals.StudentT(Draws.Sample(random, 4, r => 2 + 3 * Draws.StandardNormal(r)), 0.99).Contains(2),
            CoverageKind.Exact, 0.99);
    }

    [Fact]
    public void StudentIntervalIsNearNominalForNonNormalSamples()
    {
        // Skewed exponential at n = 50: the t interval under-covers by about 1 point (skewness 2 shifts the mean's
        // distribution; Johnson 1978); allowance 0.025.
        CoverageCheck.Run(output, "Student t, exponential(1), n = 50", 3,
            random => MeanIntervals.StudentT(Draws.Sample(random, 50, r => Draws.Exponential(r, 1)), Level).Contains(1),
            CoverageKind.Asymptotic, Level, allowance: 0.025);
        // Symmetric, light-tailed uniform at n = 20: close to exact; allowance 0.01.
        CoverageCheck.Run(output, "Student t, uniform(0, 1), n = 20", 4,
            random => MeanIntervals.StudentT(Draws.Sample(random, 20, r => r.NextDouble()), Level).Contains(0.5),
            CoverageKind.Asymptotic, Level, allowance: 0.01);
        // Bernoulli(0.3) at n = 100: lattice effects make coverage oscillate with n (Brown, Cai & DasGupta 2001);
        // allowance 0.02.
        CoverageCheck.Run(output, "Student t, Bernoulli(0.3), n = 100", 5,
            random => MeanIntervals.StudentT(Draws.Sample(random, 100, r => Draws.Bernoulli(r, 0.3)), Level).Contains(0.3),
            CoverageKind.Asymptotic, Level, allowance: 0.02);
    }

    [Fact]
    public void NormalIntervalIsNearNominalForLargeSamples()
    {
        // With normal data the z interval's coverage is P(|t₃₉₉| ≤ 1.96) ≈ 0.9494; allowance 0.005.
        CoverageCheck.Run(output, "normal z, normal(0, 1), n = 400", 6,
            random => MeanIntervals.Normal(Draws.Sample(random, 400, Draws.StandardNormal), Level).Contains(0),
            CoverageKind.Asymptotic, Level, allowance: 0.005);
        // Exponential at n = 400: skewness still costs a few tenths of a point; allowance 0.015.
        CoverageCheck.Run(output, "normal z, exponential(1), n = 400", 7,
            random => MeanIntervals.Normal(Draws.Sample(random, 400, r => Draws.Exponential(r, 1)), Level).Contains(1),
            CoverageKind.Asymptotic, Level, allowance: 0.015);
    }

    [Fact]
    public void HoeffdingOverCoversBoundedSamples()
    {
        CoverageCheck.Run(output, "Hoeffding, uniform(0, 1), n = 50", 8,
            random => MeanIntervals.Hoeffding(Draws.Sample(random, 50, r => r.NextDouble()), 0, 1, Level).Contains(0.5),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "Hoeffding, Bernoulli(0.5), n = 20", 9,
            random => MeanIntervals.Hoeffding(Draws.Sample(random, 20, r => Draws.Bernoulli(r, 0.5)), 0, 1, Level).Contains(0.5),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "Hoeffding, Bernoulli(0.02), n = 200", 10,
            random => MeanIntervals.Hoeffding(Draws.Sample(random, 200, r => Draws.Bernoulli(r, 0.02)), 0, 1, Level).Contains(0.02),
            CoverageKind.Conservative, Level);
    }

    [Fact]
    public void EmpiricalBernsteinOverCoversBoundedSamples()
    {
        CoverageCheck.Run(output, "empirical Bernstein, uniform(0, 1), n = 50", 11,
            random => MeanIntervals.EmpiricalBernstein(Draws.Sample(random, 50, r => r.NextDouble()), 0, 1, Level).Contains(0.5),
            CoverageKind.Conservative, Level);
        CoverageCheck.Run(output, "empirical Bernstein, Bernoulli(0.05), n = 500", 12,
            random => MeanIntervals.EmpiricalBernstein(Draws.Sample(random, 500, r => Draws.Bernoulli(r, 0.05)), 0, 1, Level).Contains(0.05),
            CoverageKind.Conservative, Level);
        // A variance far below (b − a)²/4 is where the bound is tightest and most at risk: Bernoulli(0.005), n = 2000.
        CoverageCheck.Run(output, "empirical Bernstein, Bernoulli(0.005), n = 2000", 13,
            random => MeanIntervals.EmpiricalBernstein(Draws.Sample(random, 2000, r => Draws.Bernoulli(r, 0.005)), 0, 1, Level).Contains(0.005),
            CoverageKind.Conservative, Level);
    }
}
