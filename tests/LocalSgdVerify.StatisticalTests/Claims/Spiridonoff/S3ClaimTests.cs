using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.S3 at the quick profile with the fixed master seed.</summary>
public sealed class S3ClaimTests(ITestOutputHelper output)
{
    // Expected Pass from the theory: bias² is O(1/T²) on the smooth function (ratio → 1) but of the order of the variance
    // at the kink (ratio stays above 1). False-fail rate ≤ 1e-4 for the whole run.
    [Fact]
    public void OneShotAveragingIsAsymptoticallyOptimalOnTheSmoothFunctionOnly()
    {
        var claim = new S3Claim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.True(result.Verdict == Verdict.Pass, $"expected Pass (false-fail rate ≤ 1e-4 for the whole run), got {result.Verdict}: {string.Join("; ", result.Evidence)}");
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }
}
