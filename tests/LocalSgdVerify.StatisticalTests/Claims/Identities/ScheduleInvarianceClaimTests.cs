using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.schedule-invariance at the quick profile: path identity and the exact-engine expectation identity.</summary>
public class ScheduleInvarianceClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void Under_additive_noise_every_schedule_has_the_same_path_and_the_same_expected_error()
    {
        var claim = new ScheduleInvarianceClaim();
        var result = QuickClaimRun.Evaluate(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(8, result.Assertions.Count);
        Assert.All(result.Assertions.Where(a => a.Name.StartsWith("exact E F", StringComparison.Ordinal)),
            a => Assert.InRange(a.Measured.Value, 0, ScheduleInvarianceClaim.ExpectationTolerance));
        QuickClaimRun.AssertBudgetIsHonest(claim, result);
    }
}
