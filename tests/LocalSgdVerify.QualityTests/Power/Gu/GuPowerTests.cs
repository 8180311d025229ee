using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Gu;

/// <summary>
/// The checks have power: wrong drift constants and reversed orderings on the uv toy must give Fail at the quick profile
/// (α = 1e-6 per statistical assertion, fixed master seed).
/// </summary>
public sealed class GuPowerTests(ITestOutputHelper output)
{
    [Fact]
    public void DriftMultipleTwiceTooLargeFails()
    {
        // Planted: 1 + (2K − 1)ψ_d, a local drift factor twice too strong for long rounds.
        var result = ClaimRuns.Quick(new DriftClaim(8.0), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        // H = 1 is SGD whatever the multiple, so only the local periods' exponents and the drift ratio must fail.
        Assert.Equal(Verdict.Pass, ClaimRuns.Assertion(result, "decay-exponent-h1").Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "decay-exponent-h100").Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "drift-ratio").Verdict);
    }

    [Fact]
    public void ReversedOrderingAndTooStrictVanishingFail()
    {
        // Planted: Local SGD sharper than SGD in the main regime, and "vanishes" meaning below 1% of the main advantage
        // (the short-horizon advantage is about 9% of it).
        var result = ClaimRuns.Quick(new RegimeClaim(false, 0.01), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "sharpness-ratio").Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "short-horizon-advantage-vanishes").Verdict);
    }

    [Fact]
    public void ReversedQsrOrderingFails()
    {
        var result = ClaimRuns.Quick(new QuadraticSynchronizationClaim(false), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
    }
}
