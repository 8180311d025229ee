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
        // Eight comparisons at the design's configurations and one summary of the search over the assumption space,
        // whose measured value is the worst ratio measured/bound (≤ 1 when every explored configuration holds).
        Assert.Equal(9, result.Assertions.Count);
        Assert.InRange(ClaimRuns.Assertion(result, "expectation-everywhere").Measured.Value, 0, 1);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("expectation-", StringComparison.Ordinal) && a.Id != "expectation-everywhere"),
            a => Assert.InRange(a.Measured.Value, 0, ScheduleInvarianceClaim.ExpectationTolerance));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
