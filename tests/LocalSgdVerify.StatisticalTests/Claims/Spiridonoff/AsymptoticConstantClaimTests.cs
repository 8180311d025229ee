using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.asymptotic-constant at the quick profile (exact engine).</summary>
public sealed class AsymptoticConstantClaimTests(ITestOutputHelper output)
{
    // Expected Pass [derived]: every schedule's N·T·E F(x̄^T) converges to (α²σ²/2) Σ a_k/(2α a_k − 1) with an O(1/T) gap.
    [Fact]
    public void EveryScheduleConvergesToTheDerivedConstant()
    {
        var claim = new AsymptoticConstantClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, 0, AsymptoticConstantClaim.DefaultTolerance);
        Assert.Equal(10, result.Assertions.Count);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
