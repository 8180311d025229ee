using LocalSgdVerify.Checks.Claims.Stich;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Stich;

/// <summary>
/// The Stich check has power: a √N speed-up or a factor 2 below mini-batch SGD must be reported as Fail, and so must a
/// lagging schedule (one-shot averaging) put in place of Stich's period on the kink family, where the schedule matters.
/// </summary>
public sealed class LinearSpeedupPowerTests(ITestOutputHelper output)
{
    // Wrong exponent: "error ∝ N^{−1/2}"; the exact slope is ≈ −1.
    [Fact]
    public void AWrongExponentOfNIsCaught()
    {
        var result = ClaimRuns.Quick(new LinearSpeedupClaim(-0.5, LinearSpeedupClaim.DefaultSlopeTolerance, LinearSpeedupClaim.DefaultRatioBound), output);
        ClaimRuns.AssertFails(result, "slope");
    }

    // A constant 2× off: "Stich's schedule halves the mini-batch error"; the exact ratio is ≈ 1.
    [Fact]
    public void AConstantTwoTimesOffIsCaught()
    {
        var result = ClaimRuns.Quick(new LinearSpeedupClaim(-1, LinearSpeedupClaim.DefaultSlopeTolerance, 0.5), output);
        ClaimRuns.AssertFails(result, "ratio-to-every-step");
    }

    // A lagging schedule: one-shot averaging in place of H = ⌊√(T/N)⌋ on the kink family (N ≥ 8). One-shot's bias on the
    // kink does not shrink with N while the variance does, so its error is 2–7× every-step's there (about 2.1× at N = 8,
    // 6.5× at N = 32 for μ = 1, σ = 8); the ratio bound 2 must catch it at the quick profile (α = 1e-6 per assertion).
    [Fact]
    public void OneShotAveragingInPlaceOfStichsPeriodFailsOnTheKinkFamily()
    {
        var result = ClaimRuns.Quick(new LinearSpeedupClaim(-1, LinearSpeedupClaim.DefaultSlopeTolerance, LinearSpeedupClaim.DefaultRatioBound, new OneShot(), "one-shot"), output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.NotNull(result.Exploration!.Counterexample);
        Assert.Contains(result.Assertions, a => a.Id!.StartsWith("kink-ratio-at-explored-", StringComparison.Ordinal) && a.Verdict == Verdict.Fail);
        // The quadratic part cannot tell: there one-shot and Stich's period have the same exact error to a few per cent.
        Assert.Equal(Verdict.Pass, ClaimRuns.Assertion(result, "ratio-to-every-step").Verdict);
    }

    // The claim as stated passes on the same draws: the failure above is the schedule's, not the configurations'.
    [Fact]
    public void StichsPeriodPassesOnTheSameKinkConfigurations()
    {
        var result = ClaimRuns.Quick(new LinearSpeedupClaim(), output, ClaimRuns.FixedAlpha);
        Assert.All(result.Assertions.Where(a => a.Id!.StartsWith("kink-ratio-at-explored-", StringComparison.Ordinal)), a => Assert.Equal(Verdict.Pass, a.Verdict));
    }
}
