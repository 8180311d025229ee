using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>The S3 check has power: swapped problems or a limit 2× off must be reported as Fail.</summary>
public sealed class S3PowerTests(ITestOutputHelper output)
{
    // Mislabeled problems: claim OSA is asymptotically optimal on the kink and not on the smooth function. The kink's
    // ratio (≈ 1.4) misses 1 ± 0.05 at the largest T (800 at quick), and the smooth function's (≈ 1.0) misses ≥ 1.1 there.
    [Fact]
    public void SwappedProblemsAreCaught()
    {
        var claim = new S3Claim(SpiridonoffExperiments.Kink(), SpiridonoffExperiments.Smooth(), 1, S3Claim.DefaultTolerance, S3Claim.DefaultKinkExcess);
        var result = ClaimRuns.Quick(claim, output);
        ClaimRuns.AssertFails(result, "limit");
        ClaimRuns.AssertFails(result, "away-from-one-t800");
    }

    // A limit 2× off: "OSA has twice the synchronous error asymptotically" on the smooth function.
    [Fact]
    public void ALimitTwoTimesOffIsCaught()
    {
        var claim = new S3Claim(SpiridonoffExperiments.Smooth(), SpiridonoffExperiments.Kink(), 2, S3Claim.DefaultTolerance, S3Claim.DefaultKinkExcess);
        var result = ClaimRuns.Quick(claim, output);
        ClaimRuns.AssertFails(result, "limit");
    }
}
