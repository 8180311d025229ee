using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>The S2 check has power: a schedule wrongly named linear, or a wrong speed-up exponent, must be reported as Fail.</summary>
public sealed class S2PowerTests(ITestOutputHelper output)
{
    // Mislabeled linear schedule: claim that R = ⌈√N⌉ is the reference every lagging schedule falls behind. Then "R = ⌈√N⌉
    // falls behind R = ⌈√N⌉" is claimed too, and no configuration can witness it (the ratio is exactly 1): the existence
    // search must not pass it.
    [Fact]
    public void AScheduleCannotBeWitnessedFallingBehindItself()
    {
        var result = ClaimRuns.Quick(new S2Claim(S2Claim.DefaultMinimumSlope, 0.5, null), output);
        Assert.NotEqual(Checks.Statistics.Verdict.Pass, result.Verdict);
        Assert.NotEqual(Checks.Statistics.Verdict.Pass, ClaimRuns.Assertion(result, "witness-1").Verdict);
        Assert.DoesNotContain(result.Exploration!.Witnesses, w => w.Group == S2Claim.LaggingGroups[0]);
    }

    // Wrong exponent: "the speed-up grows like N^{1.5}"; the measured slope is ≈ 0.9.
    [Fact]
    public void AWrongSpeedupExponentIsCaught()
    {
        var result = ClaimRuns.Quick(new S2Claim(1.5, 1, null), output);
        ClaimRuns.AssertFails(result, "slope");
    }
}
