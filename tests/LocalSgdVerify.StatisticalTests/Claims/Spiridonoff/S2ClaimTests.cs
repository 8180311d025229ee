using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S2 at the quick profile with the fixed master seed.</summary>
public class S2ClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the paper's simulation claim: near-linear speed-up for R = N, √N, N^{3/4} and one-shot behind
    // with a widening gap. False-fail rate ≤ 1e-4 for the whole run.
    [Fact]
    public void Speedup_is_near_linear_for_R_equal_N_and_other_schedules_fall_behind()
    {
        var claim = new S2Claim();
        var result = QuickClaimRun.Evaluate(claim, output);
        Assert.True(result.Verdict == Verdict.Pass, $"expected Pass (false-fail rate ≤ 1e-4 for the whole run), got {result.Verdict}: {string.Join("; ", result.Evidence)}");
        Assert.Equal(7, result.Assertions.Count);
        QuickClaimRun.AssertBudgetIsHonest(claim, result);
    }
}
