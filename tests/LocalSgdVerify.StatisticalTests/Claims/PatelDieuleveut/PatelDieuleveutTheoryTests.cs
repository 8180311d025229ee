using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.PatelDieuleveut;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.PatelDieuleveut;

/// <summary>The closed forms of Patel and Dieuleveut's propositions against independent recursions (fast, exact).</summary>
public sealed class PatelDieuleveutTheoryTests
{
    private static Arbitrary<(double StepSize, double Curvature, double Noise, int Workers, double Gap, int Steps)> Cases() =>
        Gen.Choose(1, 1500).SelectMany(eta => Gen.Choose(1, 30).SelectMany(mu => Gen.Choose(0, 30).SelectMany(sigma => Gen.Choose(1, 64)
            .SelectMany(p => Gen.Choose(-30, 30).SelectMany(gap => Gen.Choose(0, 400)
                .Select(t => (eta / 1000.0, mu / 10.0, sigma / 10.0, p, gap / 10.0, t)))))))
            .Where(c => c.Item1 * c.Item2 < 1.9).ToArbitrary();

    [Fact]
    public void GeometricSumEqualsTheExplicitSum()
    {
        Prop.ForAll(Gen.Choose(-1999, 1999).SelectMany(b => Gen.Choose(0, 300).Select(t => (b / 1000.0, t))).ToArbitrary(), c =>
        {
            var (b, steps) = c;
            double sum = 0, power = 1;
            for (int j = 0; j < steps; j++) { sum += power; power *= b * b; }
            return Math.Abs(PatelDieuleveutTheory.GeometricSum(b, steps) - sum) <= 1e-12 * Math.Max(1, sum);
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void AverageMeanSquaredErrorFollowsTheScalarRecursion()
    {
        // v_{t+1} = b² v_t + η²σ²/P from v_0 = (w0 − w*)²: the recursion of E(x̄ − w*)² under additive noise.
        Prop.ForAll(Cases(), c =>
        {
            var (eta, mu, sigma, workers, gap, steps) = c;
            double b = 1 - eta * mu, v = gap * gap;
            for (int t = 0; t < steps; t++) v = b * b * v + eta * eta * sigma * sigma / workers;
            double closed = PatelDieuleveutTheory.AverageMeanSquaredError(steps, eta, mu, sigma, workers, gap);
            return Math.Abs(closed - v) <= 1e-11 * Math.Max(1e-300, Math.Abs(v)) + 1e-300;
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void LocalIterationVarianceFollowsTheDifferenceRecursion()
    {
        // q − r ← b²(q − r) + η²σ² from 0, and E x_i² − E x̄² = (1 − 1/P)(q − r).
        Prop.ForAll(Cases(), c =>
        {
            var (eta, mu, sigma, workers, _, steps) = c;
            double b = 1 - eta * mu, difference = 0;
            for (int s = 0; s < steps; s++) difference = b * b * difference + eta * eta * sigma * sigma;
            double expected = (1 - 1.0 / workers) * difference;
            double closed = PatelDieuleveutTheory.LocalIterationVariance(steps, eta, mu, sigma, workers);
            return Math.Abs(closed - expected) <= 1e-11 * Math.Abs(expected) + 1e-300;
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void LongTermReducedVarianceIsTheLimitAndBelowTheBound()
    {
        // η = 0.1, μ = 1, σ = 1, P = 4: η²σ²/(P(1 − b²)) = 0.01/(4·0.19) = 0.013157894736842105 ≤ ησ²/(Pμ) = 0.025.
        double limit = PatelDieuleveutTheory.LongTermReducedVariance(0.1, 1, 1, 4);
        Assert.Equal(0.01 / (4 * 0.19), limit, 15);
        Assert.Equal(limit, PatelDieuleveutTheory.AverageMeanSquaredError(5000, 0.1, 1, 1, 4, 3), 15);
        Assert.True(limit <= PatelDieuleveutTheory.LongTermVarianceBound(0.1, 1, 1, 4));
        Assert.Equal(0.025, PatelDieuleveutTheory.LongTermVarianceBound(0.1, 1, 1, 4), 15);
    }

    [Fact]
    public void PolyakRuppertLimitAndLeadingGapHandValues()
    {
        Assert.Equal(4.0 / 0.25, PatelDieuleveutTheory.PolyakRuppertLimit(0.5, 2), 15);
        // 0.5·T^{a−1}/(μγ0) at T = 10⁶, a = 2/3, μγ0 = 1: 0.5·10^{-2} = 0.005.
        Assert.Equal(0.005, PatelDieuleveutTheory.PolyakRuppertLeadingGap(1_000_000, 1, 2.0 / 3, 1), 12);
    }
}
