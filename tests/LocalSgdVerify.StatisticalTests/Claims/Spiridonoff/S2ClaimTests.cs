using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S2 at the quick profile with the fixed master seed.</summary>
public sealed class S2ClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the paper's simulation claim: near-linear speed-up for R = N, √N, N^{3/4} and one-shot behind
    // with a widening gap. False-fail rate ≤ 1e-4 for the whole run.
    [Fact]
    public void SpeedupIsNearLinearForREqualNAndOtherSchedulesFallBehind()
    {
        var claim = new S2Claim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.True(result.Verdict == Verdict.Pass, $"expected Pass (false-fail rate ≤ 1e-4 for the whole run), got {result.Verdict}: {string.Join("; ", result.Evidence)}");
        Assert.Equal(7, result.Assertions.Count);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
