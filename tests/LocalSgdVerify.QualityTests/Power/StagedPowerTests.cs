using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power;

/// <summary>
/// Planted wrong predictions are still caught when claims are decided in stages, as `check` decides them: each look
/// spends only part of the assertion's α, so the last look's interval is wider than a single evaluation's, yet the
/// planted discrepancies of the power tests fail, most of them before the maximum (α = 1e-6 per assertion, quick
/// profile, fixed master seed).
/// </summary>
public sealed class StagedPowerTests(ITestOutputHelper output)
{
    private ClaimResult Staged(IClaim claim)
    {
        var options = new CheckOptions(Profile.Quick, TestSeeds.MasterSeed);
        var result = ClaimRunner.Staged(claim, options, ClaimRuns.FixedAlpha, MeasurementStore.Caching(), TestContext.Current.CancellationToken);
        output.WriteLine(ClaimRuns.Describe(claim, result, ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id), ClaimRuns.FixedAlpha));
        output.WriteLine($"replicates used {result.ReplicatesUsed} of {result.ReplicatesMaximum}");
        return result;
    }

    [Fact]
    public void AReversedSpeedupOrderingFailsInStages()
    {
        var claim = new S2Claim(S2Claim.DefaultMinimumSlope,
            ("R = ⌈√N⌉ (mislabeled as linear)", SpiridonoffExperiments.IncreasingWithRoundsPower(0.5)),
            [("R = N (mislabeled as lagging)", SpiridonoffExperiments.IncreasingWithRoundsPower(1))]);
        var result = Staged(claim);
        ClaimRuns.AssertFails(result, "lagging-1-behind");
        Assert.True(result.ReplicatesUsed < result.ReplicatesMaximum, "the reversed ordering (a ratio near 0.7 against > 1) should be caught before the maximum");
    }

    [Fact]
    public void ADriftMultipleTwiceTooLargeFailsInStages()
    {
        var result = Staged(new DriftClaim(8.0));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Equal(Verdict.Fail, ClaimRuns.Assertion(result, "drift-ratio").Verdict);
        Assert.InRange(result.ReplicatesUsed, 1, result.ReplicatesMaximum);
    }

    [Fact]
    public void AReversedQsrOrderingFailsInStages()
    {
        var result = Staged(new QuadraticSynchronizationClaim(false));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.InRange(result.ReplicatesUsed, 1, result.ReplicatesMaximum);
    }
}
