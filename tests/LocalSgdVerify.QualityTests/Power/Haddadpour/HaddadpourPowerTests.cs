using LocalSgdVerify.Checks.Claims.Haddadpour;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Haddadpour;

/// <summary>
/// The checks have power: a deliberately wrong prediction fed to Haddadpour et al.'s claims must give Fail at the
/// quick profile (α = 1e-6 per statistical assertion, fixed master seed).
/// </summary>
public sealed class HaddadpourPowerTests(ITestOutputHelper output)
{
    [Fact]
    public void WrongErrorAndRoundExponentsFail()
    {
        // Planted: E ∝ (pT)^{−1.5} (so p·T^{1.5}·E would grow like T^{0.5}) and R ∝ (pT)^{1/2} instead of (pT)^{1/3}.
        var result = ClaimRuns.Quick(new PlRateClaim(1.5, 0.5), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "error-rate-slope").Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "round-exponent").Verdict);
    }

    [Fact]
    public void ClaimingAdaLupaIsTenPercentBetterOrHundredsOfTimesCheaperFails()
    {
        // Planted: error ratio ≤ 0.9 (the measured ratio is 1.00 ± 0.005) and rounds factor ≥ 1000 (measured 40 and about 12).
        var result = ClaimRuns.Quick(new AdaptiveSynchronizationClaim(0.9, 1000), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(new[] { "linear-error-ratio", "loss-error-ratio", "linear-rounds-factor", "loss-rounds-factor" },
            id => Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, id).Verdict));
    }
}
