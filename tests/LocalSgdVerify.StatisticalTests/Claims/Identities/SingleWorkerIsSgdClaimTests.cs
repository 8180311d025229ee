using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.single-worker-is-sgd at the quick profile: an exact fact, so Pass with zero differing steps.</summary>
public class SingleWorkerIsSgdClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void With_one_worker_every_schedule_reproduces_the_sgd_loop_exactly()
    {
        var claim = new SingleWorkerIsSgdClaim();
        var result = QuickClaimRun.Evaluate(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0.0, result.Measured.Value);
        Assert.All(result.Assertions, a => Assert.Equal(0.0, a.Measured.Value));
        QuickClaimRun.AssertBudgetIsHonest(claim, result);
    }

    // The check has power: with two workers x̄ is not worker 0's SGD path, so the same comparison must fail on every problem.
    [Fact]
    public void A_planted_second_worker_is_caught()
    {
        var result = QuickClaimRun.Evaluate(new SingleWorkerIsSgdClaim(workers: 2), output);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions, a => Assert.Equal(Verdict.Fail, a.Verdict));
    }
}
