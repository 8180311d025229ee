using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>The S2 check has power: a reversed ordering or a wrong speed-up exponent must be reported as Fail.</summary>
public sealed class S2PowerTests(ITestOutputHelper output)
{
    // Reversed ordering: claim that R = ⌈√N⌉ is the linear schedule and R = N falls behind it. The paired ratio
    // E f(x̄_{R=N}) / E f(x̄_{√N}) at the largest N is about 0.7, so "> 1" fails.
    [Fact]
    public void AReversedOrderingOfSchedulesIsCaught()
    {
        var claim = new S2Claim(S2Claim.DefaultMinimumSlope,
            ("R = ⌈√N⌉ (mislabeled as linear)", SpiridonoffExperiments.IncreasingWithRoundsPower(0.5)),
            [("R = N (mislabeled as lagging)", SpiridonoffExperiments.IncreasingWithRoundsPower(1))]);
        var result = ClaimRuns.Quick(claim, output);
        ClaimRuns.AssertFails(result, "lagging-1-behind");
    }

    // Wrong exponent: "the speed-up grows like N^{1.5}"; the measured slope is ≈ 0.9.
    [Fact]
    public void AWrongSpeedupExponentIsCaught()
    {
        var claim = new S2Claim(1.5, ("R = N (increasing)", SpiridonoffExperiments.IncreasingWithRoundsPower(1)),
            [("R = ⌈√N⌉ (increasing)", SpiridonoffExperiments.IncreasingWithRoundsPower(0.5))]);
        var result = ClaimRuns.Quick(claim, output);
        ClaimRuns.AssertFails(result, "slope");
    }
}
