using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Gu;

/// <summary>
/// Gu et al.'s claims on the uv toy at the quick profile with the fixed master seed; every statistical assertion at
/// α = 1e-6 (false-fail rate per assertion; the per-assertion share of α = 1e-4 over up to 100 assertions).
/// </summary>
public sealed class GuClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void DifferenceDecaysAsTheToyDynamicsPredictForEveryPeriod()
    {
        // G1: each decay exponent within 10% of the integrated prediction; the H = 100 drift ratio within 15% of K = 4.
        var claim = new DriftClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        Assert.InRange(result.Measured.Value, 4 * (1 - DriftClaim.RatioTolerance), 4 * (1 + DriftClaim.RatioTolerance));
    }

    [Fact]
    public void AdvantageNeedsSmallLearningRateAndLongTraining()
    {
        // G2: Local SGD flatter at η = 0.03, T = 2000; the advantage below a quarter of that at T = 50 and at η = 0.1.
        var claim = new RegimeClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        Assert.True(result.Measured.High < 1);
    }

    [Fact]
    public void QuadraticSynchronizationEndsFlatterThanMatchedConstantPeriod()
    {
        // Q1: paired ratio of final projected sharpness QSR/constant below 1.
        var claim = new QuadraticSynchronizationClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        Assert.True(result.Measured.High < 1);
    }
}
