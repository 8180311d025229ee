using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>
/// identities.hierarchical-invariance at the quick profile: three hierarchical schedules keep the every-step path of x̄
/// and its exact expected error, and so do the hierarchical schedules drawn from the claim's space.
/// </summary>
public sealed class HierarchicalInvarianceClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void UnderAdditiveNoiseGroupAveragesKeepThePathAndTheExpectedError()
    {
        var claim = new HierarchicalInvarianceClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(7, result.Assertions.Count);
        Assert.NotNull(result.Exploration);
        Assert.Equal(HierarchicalInvarianceClaim.Configurations(LocalSgdVerify.Checks.Framework.Profile.Quick), result.Exploration!.Configurations);
        Assert.InRange(ClaimRuns.Assertion(result, "expectation-everywhere").Measured.Value, 0, 1);
        Assert.Equal(result.Exploration.Configurations, result.Exploration.Verdicts.Pass);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("expectation-", StringComparison.Ordinal) && a.Id != "expectation-everywhere"),
            a => Assert.InRange(a.Measured.Value, 0, HierarchicalInvarianceClaim.ExpectationTolerance));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
