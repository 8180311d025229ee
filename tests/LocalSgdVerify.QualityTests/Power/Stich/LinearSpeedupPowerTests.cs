using LocalSgdVerify.Checks.Claims.Stich;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Stich;

/// <summary>The Stich check has power: a √N speed-up or a factor 2 below mini-batch SGD must be reported as Fail.</summary>
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
}
