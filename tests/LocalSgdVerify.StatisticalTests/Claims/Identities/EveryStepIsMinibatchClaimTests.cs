using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.every-step-is-minibatch at the quick profile: a path identity to 1e-12 of the path scale.</summary>
public sealed class EveryStepIsMinibatchClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void AveragingAfterEveryStepFollowsMinibatchSgdToRoundOff()
    {
        var claim = new EveryStepIsMinibatchClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, 0, EveryStepIsMinibatchClaim.Tolerance);
        // Three fixed problems and the summary of the search over the assumption space (worst ratio measured/bound ≤ 1).
        Assert.Equal(4, result.Assertions.Count);
        Assert.InRange(ClaimRuns.Assertion(result, "path-everywhere").Measured.Value, 0, 1);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }

    // The check has power: a constant period H = 2 mislabeled as "every step" lets workers drift apart for one step, which
    // changes x̄ by O(η²) on non-quadratic problems and under multiplicative noise — far above round-off.
    [Fact]
    public void AMislabeledPeriodTwoScheduleIsCaught()
    {
        var result = ClaimRuns.Quick(new EveryStepIsMinibatchClaim(new ConstantPeriod(2)), output);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions, a => Assert.Equal(Verdict.Fail, a.Verdict));
    }
}
