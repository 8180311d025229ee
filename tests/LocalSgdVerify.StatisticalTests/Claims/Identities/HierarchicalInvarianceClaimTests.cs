using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>
/// identities.hierarchical-invariance at the quick profile: three hierarchical schedules keep the every-step path of x̄
/// and its exact expected error.
/// </summary>
public sealed class HierarchicalInvarianceClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void UnderAdditiveNoiseGroupAveragesKeepThePathAndTheExpectedError()
    {
        var claim = new HierarchicalInvarianceClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(6, result.Assertions.Count);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("expectation-", StringComparison.Ordinal)),
            a => Assert.InRange(a.Measured.Value, 0, HierarchicalInvarianceClaim.ExpectationTolerance));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
