using LocalSgdVerify.Checks.Claims.PatelDieuleveut;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.PatelDieuleveut;

/// <summary>The checks have power: wrong constants and exponents fed to Patel and Dieuleveut's claims must give Fail.</summary>
public sealed class PatelDieuleveutPowerTests
{
    private static ClaimResult Run(IClaim claim) => claim.Evaluate(new ClaimContext(Profile.Quick,
        ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id), 1e-6, 2, TestContext.Current.CancellationToken));

    [Fact]
    public void NoiseConstantTwiceTooLargeFailsExactlyAndInMonteCarlo()
    {
        // Planted: every predicted noise term doubled. The exact comparisons fail, and so does the Monte Carlo check at
        // t = 100 (variance-dominated); at t = 10 the bias b^{2t}w0² dominates and the doubled noise term moves the
        // prediction by only ~2%, inside the 10% resolution, so that assertion is not required to fail.
        var result = Run(new ReducedVarianceClaim(2.0));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions.Where(a => a.Name.Contains("equals the closed form", StringComparison.Ordinal)), a => Assert.Equal(Verdict.Fail, a.Verdict));
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.Contains("Monte Carlo", StringComparison.Ordinal) && a.Name.Contains("t = 100", StringComparison.Ordinal)).Verdict);
    }

    [Theory]
    [InlineData(2.0, 1.0)]   // limit constant 2× off: the ratio tends to 1/2
    [InlineData(0.5, 1.0)]   // limit constant 2× off the other way
    [InlineData(1.0, 1.2)]   // wrong exponent: P·T^{1.2}·E grows like T^{0.2}
    public void WrongLimitOrRateFails(double limitScale, double rateExponent)
    {
        var result = Run(new PolyakRuppertClaim(limitScale, rateExponent, 0.5, -1.5));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions[0].Verdict);
    }

    [Fact]
    public void ImpossibleSavingExponentFails()
    {
        // Planted: the saving T/R grows like T^{1.5}; no schedule saves more than T (one round), so the exponent is ≤ 1.
        var result = Run(new PolyakRuppertClaim(1, 1, 1.5, -1.5));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("saving T/R", StringComparison.Ordinal)).Verdict);
    }
}
