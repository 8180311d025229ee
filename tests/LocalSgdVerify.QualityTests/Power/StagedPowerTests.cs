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
    public void AWrongSpeedupExponentFailsInStages()
    {
        // "The speed-up grows like N^1.5": the measured slope is about 0.9, far below the planted minimum.
        var result = Staged(new S2Claim(1.5, 1, null));
        ClaimRuns.AssertFails(result, "slope");
        Assert.True(result.ReplicatesUsed < result.ReplicatesMaximum, "a slope near 0.9 against ≥ 1.5 should be caught before the maximum");
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
