using LocalSgdVerify.Checks.Claims.Stich;
using LocalSgdVerify.QualityTests.Power.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Stich;

/// <summary>The Stich check has power: a √N speed-up or a factor 2 below mini-batch SGD must be reported as Fail.</summary>
public class LinearSpeedupPowerTests(ITestOutputHelper output)
{
    // Wrong exponent: "error ∝ N^{−1/2}"; the exact slope is ≈ −1.
    [Fact]
    public void A_wrong_exponent_of_N_is_caught()
    {
        var result = PlantedPredictionRun.Evaluate(new LinearSpeedupClaim(-0.5, LinearSpeedupClaim.DefaultSlopeTolerance, LinearSpeedupClaim.DefaultRatioBound), output);
        PlantedPredictionRun.AssertFails(result, "slope");
    }

    // A constant 2× off: "Stich's schedule halves the mini-batch error"; the exact ratio is ≈ 1.
    [Fact]
    public void A_constant_two_times_off_is_caught()
    {
        var result = PlantedPredictionRun.Evaluate(new LinearSpeedupClaim(-1, LinearSpeedupClaim.DefaultSlopeTolerance, 0.5), output);
        PlantedPredictionRun.AssertFails(result, "every-step");
    }
}
