using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.every-step-is-minibatch at the quick profile: a path identity to 1e-12 of the path scale.</summary>
public class EveryStepIsMinibatchClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void Averaging_after_every_step_follows_minibatch_sgd_to_round_off()
    {
        var claim = new EveryStepIsMinibatchClaim();
        var result = QuickClaimRun.Evaluate(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, 0, EveryStepIsMinibatchClaim.Tolerance);
        Assert.Equal(3, result.Assertions.Count);
        QuickClaimRun.AssertBudgetIsHonest(claim, result);
    }

    // The check has power: a constant period H = 2 mislabeled as "every step" lets workers drift apart for one step, which
    // changes x̄ by O(η²) on non-quadratic problems and under multiplicative noise — far above round-off.
    [Fact]
    public void A_mislabeled_period_two_schedule_is_caught()
    {
        var result = QuickClaimRun.Evaluate(new EveryStepIsMinibatchClaim(new ConstantPeriod(2)), output);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions, a => Assert.Equal(Verdict.Fail, a.Verdict));
    }
}
