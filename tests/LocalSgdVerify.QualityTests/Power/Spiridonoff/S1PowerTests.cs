using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>
/// The Monte Carlo S1 check has power: a wrong exponent of T or a wrong factor against synchronous SGD must be reported
/// as Fail at the quick profile, with the α a quick `check` gives each assertion. (The exact S1 and the asymptotic
/// constant are searched over their spaces; their power tests are in Exploration/ExplorationPowerTests.)
/// </summary>
public sealed class S1PowerTests(ITestOutputHelper output)
{
    // Wrong exponent: "N·T·E grows like T^{1/2}" (i.e. error ∝ T^{−1/2}); the measured slope is ≈ 0, so the slope
    // interval lies far outside 0.5 ± 0.1.
    [Fact]
    public void MonteCarloCatchesAWrongExponentOfT()
    {
        var result = ClaimRuns.Quick(new S1MonteCarloClaim(0.5, S1MonteCarloClaim.DefaultSlopeTolerance, S1MonteCarloClaim.DefaultRatioBound), output);
        ClaimRuns.AssertFails(result, "slope");
    }

    // Wrong constant: "R = N increasing intervals are at least 2× better than synchronous SGD" (ratio ≤ 1/2); the measured
    // paired ratio is above 1.
    [Fact]
    public void MonteCarloCatchesAConstantTwoTimesOff()
    {
        var result = ClaimRuns.Quick(new S1MonteCarloClaim(0, S1MonteCarloClaim.DefaultSlopeTolerance, 0.5), output);
        ClaimRuns.AssertFails(result, "ratio-to-every-step");
    }
}
