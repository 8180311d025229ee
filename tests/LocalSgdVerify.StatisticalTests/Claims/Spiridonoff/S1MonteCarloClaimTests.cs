using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S1-monte-carlo at the quick profile with the fixed master seed.</summary>
public sealed class S1MonteCarloClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the theory (error ∝ 1/(NT) with R = N, within a constant of synchronous SGD). A true claim is
    // reported as failing with probability at most the run's total false-fail rate 1e-4 (Bonferroni share per assertion).
    [Fact]
    public void ScaledErrorOnTheKinkIsFlatInTAndCloseToSynchronousSgd()
    {
        var claim = new S1MonteCarloClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.True(result.Verdict == Verdict.Pass, $"expected Pass (false-fail rate ≤ 1e-4 for the whole run), got {result.Verdict}: {string.Join("; ", result.Evidence)}");
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
