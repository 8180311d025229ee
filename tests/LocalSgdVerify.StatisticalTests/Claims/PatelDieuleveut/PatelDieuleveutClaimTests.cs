using LocalSgdVerify.Checks.Claims.PatelDieuleveut;
using LocalSgdVerify.Checks.Framework;
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
    /// <summary>False-fail rate per statistical assertion.</summary>
    public const double Alpha = 1e-6;

    private ClaimResult Run(IClaim claim)
    {
        ulong seed = ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id);
        var result = claim.Evaluate(new ClaimContext(Profile.Quick, seed, Alpha, 2, TestContext.Current.CancellationToken));
        output.WriteLine($"{result.Id} [quick, seed {seed} = ClaimSeeds.For({TestSeeds.MasterSeed}, \"{claim.Id}\")]: {result.Verdict}");
        output.WriteLine($"  measured {result.Measured.Name} = {result.Measured.Value:G6}; predicted {result.Predicted.Description}; margin {result.Margin:G4}");
        foreach (var a in result.Assertions) output.WriteLine($"  - {a.Verdict}: {a.Name}: {a.Measured.Value:G6} [{a.Measured.Low:G6}, {a.Measured.High:G6}] vs {a.Predicted.Description}");
        foreach (var line in result.Evidence) output.WriteLine($"  > {line}");
        return result;
    }

    [Fact]
    public void ReducedVarianceClosedFormsHoldExactlyAndInMonteCarlo()
    {
        var result = Run(new ReducedVarianceClaim());
        Assert.Equal(Verdict.Pass, result.Verdict);
        // Every exact comparison within 1e-9 relative; the long-term value is η²σ²/(P(1 − b²)) = 0.01/(4·0.19).
        Assert.All(result.Assertions.Where(a => a.Alpha is null && a.Name.Contains("closed form", StringComparison.Ordinal)),
            a => Assert.True(a.Measured.Value <= ReducedVarianceClaim.ExactTolerance, $"{a.Name}: {a.Measured.Value}"));
        Assert.Equal(0.01 / (4 * 0.19), result.Measured.Value, 1e-9 * 0.01 / (4 * 0.19));
        Assert.Equal(2, result.Assertions.Count(a => a.Alpha is not null && a.Verdict == Verdict.Pass));
    }

    [Fact]
    public void PolyakRuppertRatioTendsToOneAndLongPhasesKeepTheRate()
    {
        var result = Run(new PolyakRuppertClaim());
        Assert.Equal(Verdict.Pass, result.Verdict);
        // At T = 10⁵ (quick) the ratio is 1 + O(T^{−1/3}): above 1, within 2 × 0.5·10^{−5/3} ≈ 0.0215.
        Assert.InRange(result.Measured.Value, 1, 1 + 2 * 0.5 * Math.Pow(1e5, -1.0 / 3));
    }
}
