using LocalSgdVerify.Checks.Claims.Gu;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Gu;

/// <summary>
/// Gu et al.'s claims on the uv toy at the quick profile with the fixed master seed; every statistical assertion at
/// α = 1e-6 (false-fail rate per assertion; the per-assertion share of α = 1e-4 over up to 100 assertions).
/// </summary>
public sealed class GuClaimTests(ITestOutputHelper output)
{
    /// <summary>False-fail rate per statistical assertion.</summary>
    public const double Alpha = 1e-6;

    private ClaimResult Run(IClaim claim)
    {
        ulong seed = ClaimSeeds.For(TestSeeds.MasterSeed, claim.Id);
        var result = claim.Evaluate(new ClaimContext(Profile.Quick, seed, Alpha, 2, TestContext.Current.CancellationToken));
        output.WriteLine($"{result.Id} [quick, seed {seed} = ClaimSeeds.For({TestSeeds.MasterSeed}, \"{claim.Id}\")]: {result.Verdict}");
        output.WriteLine($"  measured {result.Measured.Name} = {result.Measured.Value:G6} [{result.Measured.Low:G6}, {result.Measured.High:G6}]; predicted {result.Predicted.Description}; margin {result.Margin:G4}");
        foreach (var a in result.Assertions) output.WriteLine($"  - {a.Verdict}: {a.Name}: {a.Measured.Value:G6} [{a.Measured.Low:G6}, {a.Measured.High:G6}] vs {a.Predicted.Description}");
        foreach (var line in result.Evidence) output.WriteLine($"  > {line}");
        return result;
    }

    [Fact]
    public void DifferenceDecaysAsTheToyDynamicsPredictForEveryPeriod()
    {
        // G1: each decay exponent within 10% of the integrated prediction; the H = 100 drift ratio within 15% of K = 4.
        var result = Run(new DriftClaim());
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.InRange(result.Measured.Value, 4 * (1 - DriftClaim.RatioTolerance), 4 * (1 + DriftClaim.RatioTolerance));
    }

    [Fact]
    public void AdvantageNeedsSmallLearningRateAndLongTraining()
    {
        // G2: Local SGD flatter at η = 0.03, T = 2000; the advantage below a quarter of that at T = 50 and at η = 0.1.
        var result = Run(new RegimeClaim());
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.True(result.Measured.High < 1);
    }

    [Fact]
    public void QuadraticSynchronizationEndsFlatterThanMatchedConstantPeriod()
    {
        // Q1: paired ratio of final projected sharpness QSR/constant below 1.
        var result = Run(new QuadraticSynchronizationClaim());
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.True(result.Measured.High < 1);
    }
}
