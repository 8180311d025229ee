using LocalSgdVerify.Checks.Claims.Haddadpour;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
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
        // Planted: error ratio ≤ 0.9 (the measured ratio is at least 1: long rounds cost accuracy on partitioned data) and rounds factor ≥ 1000 (measured 40 and about 12).
        var result = ClaimRuns.Quick(new AdaptiveSynchronizationClaim(0.9, 1000), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(new[] { "linear-error-ratio", "loss-error-ratio", "linear-rounds-factor", "loss-rounds-factor" },
            id => Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, id).Verdict));
    }

    [Fact]
    public void OneShotAveragingInPlaceOfAdaLupaLosesTheAccuracyOnPartitionedData()
    {
        // A schedule violating the claim: one round only (one-shot) where the linear rule makes 20. On data partitioned among
        // the workers each worker drifts to its own block's minimiser, so x̄^T stays a fixed distance from x* while LUPA τ0's
        // error keeps falling like 1/(pT): the error ratio is far above 1.5 (on identical data it would be about 1).
        var result = ClaimRuns.Quick(new AdaptiveSynchronizationClaim(AdaptiveSynchronizationClaim.DefaultErrorBand, AdaptiveSynchronizationClaim.DefaultRoundsFactor, new OneShot()), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        var ratio = ClaimRuns.Assertion(result, "linear-error-ratio");
        Assert.Equal(Verdict.Fail, ratio.Verdict);
        Assert.True(ratio.Measured.Low > 3 * AdaptiveSynchronizationClaim.DefaultErrorBand, $"one-shot's error ratio {ratio.Measured.Low} is not far above the band");
    }
}
