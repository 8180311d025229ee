using LocalSgdVerify.Checks.Claims.Haddadpour;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Haddadpour;

/// <summary>
/// Haddadpour et al.'s claims at the quick profile with the fixed master seed. Each statistical assertion runs at
/// α = 1e-6 (the per-assertion share of α = 1e-4 over a catalog of up to 100 assertions), so a correct claim fails
/// this test with probability at most 1e-6 per assertion; the seed makes every run identical.
/// </summary>
public sealed class HaddadpourClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void PlRateIsBoundedAndRoundsGrowLikeTheCubeRoot()
    {
        // H1: p·T·E flat within the O(1/(pT)) shape (slope ≤ 0.1), rounds exactly ⌈T/τ⌉ ∝ (pT)^{1/3}.
        var claim = new PlRateClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        Assert.All(result.Assertions.Where(a => a.Alpha is null), a => Assert.Equal(Verdict.Pass, a.Verdict));
        Assert.True(result.Measured.High <= PlRateClaim.SlopeTolerance, $"slope interval upper end {result.Measured.High} above {PlRateClaim.SlopeTolerance}");
    }

    [Fact]
    public void AdaLupaMeetsTheConditionsAndKeepsTheErrorWithFewerRounds()
    {
        // H2 on data partitioned among the workers (48 rows, 24 per worker at quick): exact sums and a priori constants for
        // the linear rule; error ratio ≤ 1.5 with ≥ 2× fewer rounds (both rules); the loss rule's medians are not seen to grow. At quick (p = 2, T = 3200, τ0 = 4) LUPA makes 800 rounds; the linear rule
        // targets E = ⌈6400^{1/3}⌉ = 19 rounds with α = 2·3200/(20·19·4) ≈ 4.21, τ_i = round(4 + 16.84i), whose first 19 sum
        // to about 76 + 16.84·171 ≈ 2956 (±10 from rounding) < 3200 and first 20 to about 3280 > 3200: 20 rounds, ratio 40.
        var claim = new AdaptiveSynchronizationClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.NotEqual(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions.Where(a => a.Alpha is null), a => Assert.Equal(Verdict.Pass, a.Verdict));
        Assert.All(new[] { "linear-error-ratio", "loss-error-ratio" }, id => Assert.Equal(Verdict.Pass, ClaimRuns.Assertion(result, id).Verdict));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        var linearRounds = ClaimRuns.Assertion(result, "linear-rounds-factor");
        Assert.Equal(800.0 / 20.0, linearRounds.Measured.Value, 12);
        Assert.All(new[] { "linear-sum-of-periods", "loss-sum-of-periods" }, id => Assert.Equal(0, ClaimRuns.Assertion(result, id).Measured.Value));
    }
}
