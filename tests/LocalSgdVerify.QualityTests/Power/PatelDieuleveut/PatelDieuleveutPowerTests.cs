using LocalSgdVerify.Checks.Claims.PatelDieuleveut;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.PatelDieuleveut;

/// <summary>
/// The checks have power: wrong constants and exponents fed to Patel and Dieuleveut's claims must give Fail at the quick
/// profile (α = 1e-6 per statistical assertion, fixed master seed).
/// </summary>
public sealed class PatelDieuleveutPowerTests(ITestOutputHelper output)
{
    [Fact]
    public void NoiseConstantTwiceTooLargeFailsExactlyAndInMonteCarlo()
    {
        // Planted: every predicted noise term doubled. The exact comparisons fail, and so does the Monte Carlo check at
        // t = 100 (variance-dominated); at t = 10 the bias b^{2t}w0² dominates and the doubled noise term moves the
        // prediction by only ~2%, inside the 10% resolution, so that assertion is not required to fail.
        var result = ClaimRuns.Quick(new ReducedVarianceClaim(2.0), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("closed-form-", StringComparison.Ordinal)), a => Assert.Equal(Verdict.Fail, a.Verdict));
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "monte-carlo-t100").Verdict);
    }

    [Theory]
    [InlineData(2.0, 1.0)]   // limit constant 2× off: the ratio tends to 1/2
    [InlineData(0.5, 1.0)]   // limit constant 2× off the other way
    [InlineData(1.0, 1.2)]   // wrong exponent: P·T^{1.2}·E grows like T^{0.2}
    public void WrongLimitOrRateFails(double limitScale, double rateExponent)
    {
        var result = ClaimRuns.Quick(new PolyakRuppertClaim(limitScale, rateExponent, 0.5, -1.5), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "limit").Verdict);
    }

    [Fact]
    public void ImpossibleSavingExponentFails()
    {
        // Planted: the saving T/R grows like T^{1.5}; no schedule saves more than T (one round), so the exponent is ≤ 1.
        var result = ClaimRuns.Quick(new PolyakRuppertClaim(1, 1, 1.5, -1.5), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "saving-exponent-in-horizon").Verdict);
    }
}
