using LocalSgdVerify.Checks.Claims.Haddadpour;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Haddadpour;

/// <summary>
/// The checks have power: a deliberately wrong prediction fed to Haddadpour et al.'s claims must give Fail at the
/// quick profile (α = 1e-6 per statistical assertion, fixed master seed).
/// </summary>
public sealed class HaddadpourPowerTests
{
    private static ClaimResult Run(IClaim claim) => claim.Evaluate(new ClaimContext(Profile.Quick,
        ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id), 1e-6, 2, TestContext.Current.CancellationToken));

    [Fact]
    public void WrongErrorAndRoundExponentsFail()
    {
        // Planted: E ∝ (pT)^{−1.5} (so p·T^{1.5}·E would grow like T^{0.5}) and R ∝ (pT)^{1/2} instead of (pT)^{1/3}.
        var result = Run(new PlRateClaim(1.5, 0.5));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("p·T^k·E", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.Fail, result.Assertions.Single(a => a.Name.StartsWith("rounds grow like", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void ClaimingAdaLupaIsTenPercentBetterOrHundredsOfTimesCheaperFails()
    {
        // Planted: error ratio ≤ 0.9 (the measured ratio is 1.00 ± 0.005) and rounds factor ≥ 1000 (measured 40 and about 12).
        var result = Run(new AdaptiveSynchronizationClaim(0.9, 1000));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions.Where(a => a.Name.Contains("E error(ADA-LUPA)", StringComparison.Ordinal)), a => Assert.Equal(Verdict.Fail, a.Verdict));
        Assert.All(result.Assertions.Where(a => a.Name.Contains("rounds(LUPA τ0)", StringComparison.Ordinal)), a => Assert.Equal(Verdict.Fail, a.Verdict));
    }
}
