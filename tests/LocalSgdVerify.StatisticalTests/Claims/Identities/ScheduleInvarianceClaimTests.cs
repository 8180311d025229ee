using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.schedule-invariance at the quick profile: path identity and the exact-engine expectation identity.</summary>
public sealed class ScheduleInvarianceClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void UnderAdditiveNoiseEveryScheduleHasTheSamePathAndTheSameExpectedError()
    {
        var claim = new ScheduleInvarianceClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(8, result.Assertions.Count);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("expectation-", StringComparison.Ordinal)),
            a => Assert.InRange(a.Measured.Value, 0, ScheduleInvarianceClaim.ExpectationTolerance));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
