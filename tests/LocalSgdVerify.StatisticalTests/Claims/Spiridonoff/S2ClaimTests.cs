using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S2 at the quick profile with the fixed master seed.</summary>
public sealed class S2ClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the paper's simulation claim: near-linear speed-up for R = N, and a witness for each lagging
    // schedule (√N, N^{3/4}, one-shot) in the kink family. False-fail rate ≤ 1e-4 for the whole run.
    [Fact]
    public void SpeedupIsNearLinearForREqualNAndEachLaggingScheduleHasAWitness()
    {
        var claim = new S2Claim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.True(result.Verdict == Verdict.Pass, $"expected Pass (false-fail rate ≤ 1e-4 for the whole run), got {result.Verdict}: {string.Join("; ", result.Evidence)}");
        var exploration = Assert.IsType<ExplorationReport>(result.Exploration);
        Assert.Equal(ExplorationReport.ExistsKind, exploration.Kind);
        Assert.Equal(S2Claim.LaggingGroups, exploration.Witnesses.Select(w => w.Group));
        Assert.All(exploration.Witnesses, w => Assert.True(w.Measured > 1, $"witness ratio {w.Measured}"));
        Assert.Equal(Verdict.Pass, ClaimRuns.Assertion(result, "slope").Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
