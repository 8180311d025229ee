using LocalSgdVerify.Checks.Claims.Identities;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Identities;

/// <summary>identities.single-worker-is-sgd at the quick profile: an exact fact, so Pass with zero differing steps.</summary>
public sealed class SingleWorkerIsSgdClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void WithOneWorkerEveryScheduleReproducesTheSgdLoopExactly()
    {
        var claim = new SingleWorkerIsSgdClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(0.0, result.Measured.Value);
        Assert.All(result.Assertions, a => Assert.Equal(0.0, a.Measured.Value));
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }

    // The check has power: with two workers x̄ is not worker 0's SGD path, so the same comparison must fail on every problem.
    [Fact]
    public void APlantedSecondWorkerIsCaught()
    {
        var result = ClaimRuns.Quick(new SingleWorkerIsSgdClaim(workers: 2), output);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.All(result.Assertions, a => Assert.Equal(Verdict.Fail, a.Verdict));
    }
}
