using LocalSgdVerify.Checks.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>The S3 check has power: swapped problems or a limit 2× off must be reported as Fail.</summary>
public class S3PowerTests(ITestOutputHelper output)
{
    // Mislabeled problems: claim OSA is asymptotically optimal on the kink and not on the smooth function. The kink's
    // ratio (≈ 1.4) misses 1 ± 0.05, and the smooth function's (≈ 1.0) misses ≥ 1.1.
    [Fact]
    public void Swapped_problems_are_caught()
    {
        var claim = new S3Claim(SpiridonoffExperiments.Kink(), SpiridonoffExperiments.Smooth(), 1, S3Claim.DefaultTolerance, S3Claim.DefaultKinkExcess);
        var result = PlantedPredictionRun.Evaluate(claim, output);
        PlantedPredictionRun.AssertFails(result, "kink: E f(x̄_OSA)/E f(x̄_sync) at T = 800");
        PlantedPredictionRun.AssertFails(result, "smooth: E f(x̄_OSA)/E f(x̄_sync) at T = 800");
    }

    // A limit 2× off: "OSA has twice the synchronous error asymptotically" on the smooth function.
    [Fact]
    public void A_limit_two_times_off_is_caught()
    {
        var claim = new S3Claim(SpiridonoffExperiments.Smooth(), SpiridonoffExperiments.Kink(), 2, S3Claim.DefaultTolerance, S3Claim.DefaultKinkExcess);
        var result = PlantedPredictionRun.Evaluate(claim, output);
        PlantedPredictionRun.AssertFails(result, "smooth: E f(x̄_OSA)/E f(x̄_sync)");
    }
}
