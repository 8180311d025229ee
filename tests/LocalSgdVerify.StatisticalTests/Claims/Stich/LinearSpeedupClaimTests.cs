using LocalSgdVerify.Checks.Claims.Stich;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Stich;

/// <summary>stich.linear-speedup at the quick profile (exact engine: deterministic verdict).</summary>
public class LinearSpeedupClaimTests(ITestOutputHelper output)
{
    // Expected Pass: with H = ⌊√(T/N)⌋ every term of the recalled bound is O(1/(NT)) at T = 10⁴ ≫ a = 48, so E F ∝ 1/N.
    [Fact]
    public void Error_falls_like_one_over_N_and_matches_every_step()
    {
        var claim = new LinearSpeedupClaim();
        var result = QuickClaimRun.Evaluate(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, -1 - LinearSpeedupClaim.DefaultSlopeTolerance, -1 + LinearSpeedupClaim.DefaultSlopeTolerance);
        QuickClaimRun.AssertBudgetIsHonest(claim, result);
    }
}
