using LocalSgdVerify.Checks.Claims.Stich;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Stich;

/// <summary>stich.linear-speedup at the quick profile (exact engine: deterministic verdict).</summary>
public sealed class LinearSpeedupClaimTests(ITestOutputHelper output)
{
    // Expected Pass: with H = ⌊√(T/N)⌋ every term of the recalled bound is O(1/(NT)) at T = 10⁴ ≫ a = 48, so E F ∝ 1/N.
    [Fact]
    public void ErrorFallsLikeOneOverNAndMatchesEveryStep()
    {
        var claim = new LinearSpeedupClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, -1 - LinearSpeedupClaim.DefaultSlopeTolerance, -1 + LinearSpeedupClaim.DefaultSlopeTolerance);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
