using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Gu;

/// <summary>The uv-toy slow dynamics of Gu et al. as pure functions (fast, exact or against independent forms).</summary>
public sealed class GuTheoryTests
{
    [Fact]
    public void DiscreteLocalFactorIsOneMinusTheMeanOfTheDecayedWeights()
    {
        // ψ_d = 1 − (1/H) Σ_{j<H} b^{2j}, b = 1 − ηλ: summed directly, over the stable range ηλ < 2 (|b| < 1).
        var cases = Gen.Choose(1, 2000).SelectMany(h => Gen.Choose(1, 1000).SelectMany(eta => Gen.Choose(200, 600)
            .Select(lambda => (h, eta / 3000.0, lambda / 100.0)))).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (rounds, eta, lambda) = c;
            double b = 1 - eta * lambda, sum = 0, power = 1;
            for (int j = 0; j < rounds; j++) { sum += power; power *= b * b; }
            double expected = 1 - sum / rounds;
            return Math.Abs(GuTheory.DiscreteLocalFactor(rounds, eta, lambda) - expected) <= 1e-12;
        }).Check(TestSeeds.Properties(300));
    }

    [Fact]
    public void DiscreteLocalFactorIsZeroForSgdAndTendsToOneForLongRounds()
    {
        Assert.Equal(0, GuTheory.DiscreteLocalFactor(1, 0.03, 2.5));
        Assert.Equal(1 - 1.0 / (1_000_000 * (1 - Math.Pow(1 - 0.03 * 2.5, 2))), GuTheory.DiscreteLocalFactor(1_000_000, 0.03, 2.5), 12);
    }

    [Fact]
    public void DiscreteFactorTendsToTheContinuousOneAsTheStepShrinksAtFixedEtaH()
    {
        // x = 2ηHλ fixed, η → 0: ψ_d → ψ(x) = (e^{−x} − 1 + x)/x, with an O(η) gap.
        foreach (double x in new[] { 0.1, 1.0, 5.0 })
        {
            double lambda = 2.0, previousGap = double.PositiveInfinity;
            foreach (int rounds in new[] { 100, 1000, 10000 })
            {
                double eta = x / (2 * rounds * lambda);
                double gap = Math.Abs(GuTheory.DiscreteLocalFactor(rounds, eta, lambda) - GuTheory.ContinuousLocalFactor(x));
                Assert.True(gap < previousGap, $"x = {x}, H = {rounds}: gap {gap} did not shrink (previous {previousGap})");
                previousGap = gap;
            }
            Assert.True(previousGap < 1e-3, $"x = {x}: gap {previousGap}");
        }
    }

    [Fact]
    public void ContinuousFactorHandValues()
    {
        Assert.Equal(0, GuTheory.ContinuousLocalFactor(0));
        Assert.Equal((Math.Exp(-1) - 1 + 1) / 1, GuTheory.ContinuousLocalFactor(1), 14);
        Assert.Equal(0.5e-5 - 1e-10 / 6, GuTheory.ContinuousLocalFactor(1e-5), 1e-18);
    }

    [Fact]
    public void DriftRateOfSgdHandValueAndLargeRoundLimitIsKTimes()
    {
        // H = 1: (η²s²/B)(2/(2 − ηλ)) = (0.0009/4)(2/(2 − 0.06)).
        Assert.Equal(0.0009 / 4 * 2 / 1.94, GuTheory.DriftRate(0.03, 1, 1, 4, 1, 2), 15);
        double ratio = GuTheory.DriftRate(0.03, 1, 1, 4, 10_000_000, 2) / GuTheory.DriftRate(0.03, 1, 1, 4, 1, 2);
        Assert.InRange(ratio, 4 * (1 - 1e-5), 4);
        // A planted multiple M replaces K: the large-round rate is then M times SGD's (up to 1 − ψ_d ≈ 1/(H(1 − b²)) ≈ 1e-6).
        double planted = GuTheory.DriftRate(0.03, 1, 1, 4, 10_000_000, 2, largeRoundMultiple: 2) / GuTheory.DriftRate(0.03, 1, 1, 4, 1, 2);
        Assert.InRange(planted, 2 * (1 - 1e-5), 2);
    }

    [Fact]
    public void IntegratedSgdDynamicsMatchTheClosedForm()
    {
        // RK4 on dD/dt = −(η²s²/B)(2/(2 − η√(D² + 4)))D against the implicit closed form G(D_T) = G(D0) − cT.
        foreach (var (eta, steps) in new[] { (0.03, 4000), (0.1, 2000), (0.01, 20000) })
        {
            double integrated = GuTheory.PredictDifference(3, [steps], _ => eta, _ => 1, 1, 1, 4)[0];
            double closed = GuTheory.SgdDifferenceClosedForm(3, steps, eta, 1, 4);
            Assert.True(Math.Abs(integrated - closed) <= 1e-9 * closed, $"η = {eta}: integrated {integrated:R}, closed form {closed:R}");
        }
    }

    [Fact]
    public void PredictionAtConstantSharpnessIsExponential()
    {
        // With D ≪ 2 the sharpness stays ≈ 2, so D_T ≈ D0·exp(−r T) with r the rate at λ = 2 (checked to 1e-6 relative).
        double d0 = 1e-4, eta = 0.02;
        double rate = GuTheory.DriftRate(eta, 1, 1, 4, 50, 2);
        double predicted = GuTheory.PredictDifference(d0, [5000], _ => eta, _ => 50, 1, 1, 4)[0];
        Assert.Equal(d0 * Math.Exp(-rate * 5000), predicted, 1e-6 * d0);
    }

    [Fact]
    public void StartOnManifoldHasTheRequestedDifference()
    {
        Prop.ForAll(Gen.Choose(-5000, 5000).Select(d => d / 1000.0).ToArbitrary(), d =>
        {
            double[] start = GuTheory.StartOnManifold(d);
            return Math.Abs(start[0] * start[1] - 1) <= 1e-14 && Math.Abs(start[0] * start[0] - start[1] * start[1] - d) <= 1e-12 * Math.Max(1, Math.Abs(d))
                && Math.Abs(start[0] * start[0] + start[1] * start[1] - GuTheory.Sharpness(d)) <= 1e-12 * GuTheory.Sharpness(d);
        }).Check(TestSeeds.Properties(200));
    }

    [Fact]
    public void OutputStepsMustIncrease()
        => Assert.Throws<ArgumentException>(() => GuTheory.PredictDifference(1, [10, 5], _ => 0.01, _ => 1, 1, 1, 4));
}
