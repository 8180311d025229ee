using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S1-exact at the quick profile (exact engine: no sampling, so the verdict is deterministic).</summary>
public sealed class S1ExactClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the theory: the derived limit of N·T·E F is the same for every schedule, so with R = N the
    // scaled error is flat in T and near synchronous SGD once T ≫ the O(1/T) transient.
    [Fact]
    public void ScaledErrorIsFlatInTAndCloseToSynchronousSgd()
    {
        var claim = new S1ExactClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, -S1ExactClaim.DefaultSlopeTolerance, S1ExactClaim.DefaultSlopeTolerance);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }

    // Hand computation: α = 3, σ = 0.5, a = (1, 2, 3): (9·0.25/2)·(1/5 + 2/11 + 3/17) = 1.125·522/935.
    [Fact]
    public void TheDerivedConstantMatchesTheHandComputation()
    {
        double expected = 1.125 * 522.0 / 935.0;
        Assert.Equal(expected, SpiridonoffExperiments.QuadraticAsymptoticConstant(), 1e-15);
    }
}
