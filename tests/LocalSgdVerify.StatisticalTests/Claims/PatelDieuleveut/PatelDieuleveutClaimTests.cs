using LocalSgdVerify.Checks.Claims.PatelDieuleveut;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.PatelDieuleveut;

/// <summary>
/// Patel and Dieuleveut's claims at the quick profile with the fixed master seed; statistical assertions at
/// α = 1e-6 each (false-fail rate per assertion), exact ones to relative 1e-9.
/// </summary>
public sealed class PatelDieuleveutClaimTests(ITestOutputHelper output)
{
    [Fact]
    public void ReducedVarianceClosedFormsHoldExactlyAndInMonteCarlo()
    {
        var claim = new ReducedVarianceClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        // Every exact comparison within 1e-9 relative; the long-term value is η²σ²/(P(1 − b²)) = 0.01/(4·0.19).
        // The search's summary measures the worst ratio measured/bound over the explored configurations (≤ 1 when all hold).
        Assert.InRange(ClaimRuns.Assertion(result, "closed-form-everywhere").Measured.Value, 0, 1);
        Assert.All(result.Assertions.Where(a => a.Alpha is null && a.Id!.StartsWith("closed-form-", StringComparison.Ordinal) && a.Id != "closed-form-everywhere"),
            a => Assert.True(a.Measured.Value <= ReducedVarianceClaim.ExactTolerance, $"{a.Name}: {a.Measured.Value}"));
        Assert.Equal(0.01 / (4 * 0.19), result.Measured.Value, 1e-9 * 0.01 / (4 * 0.19));
        Assert.Equal(2, result.Assertions.Count(a => a.Alpha is not null && a.Verdict == Verdict.Pass));
    }

    [Fact]
    public void PolyakRuppertRatioTendsToOneAndLongPhasesKeepTheRate()
    {
        var claim = new PolyakRuppertClaim();
        var result = ClaimRuns.Quick(claim, output, ClaimRuns.FixedAlpha);
        Assert.Equal(Verdict.Pass, result.Verdict);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
        // At T = 10⁵ (quick) the ratio is 1 + O(T^{−1/3}): above 1, within 2 × 0.5·10^{−5/3} ≈ 0.0215.
        Assert.InRange(result.Measured.Value, 1, 1 + 2 * 0.5 * Math.Pow(1e5, -1.0 / 3));
    }
}
