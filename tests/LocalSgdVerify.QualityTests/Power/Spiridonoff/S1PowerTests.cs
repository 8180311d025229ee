using LocalSgdVerify.Checks.Claims.Spiridonoff;
using Xunit;

namespace LocalSgdVerify.QualityTests.Power.Spiridonoff;

/// <summary>The S1 checks have power: a wrong exponent of T or a wrong factor against synchronous SGD must be reported as Fail.</summary>
public class S1PowerTests(ITestOutputHelper output)
{
    // Wrong exponent: "N·T·E grows like T^{1/2}" (i.e. error ∝ T^{−1/2}); the measured slope is ≈ 0, so the slope
    // interval lies far outside 0.5 ± 0.1.
    [Fact]
    public void Monte_carlo_catches_a_wrong_exponent_of_T()
    {
        var result = PlantedPredictionRun.Evaluate(new S1MonteCarloClaim(0.5, S1MonteCarloClaim.DefaultSlopeTolerance, S1MonteCarloClaim.DefaultRatioBound), output);
        PlantedPredictionRun.AssertFails(result, "slope");
    }

    // Wrong constant: "R = N increasing intervals are at least 2× better than synchronous SGD" (ratio ≤ 1/2); the measured
    // paired ratio is above 1.
    [Fact]
    public void Monte_carlo_catches_a_constant_two_times_off()
    {
        var result = PlantedPredictionRun.Evaluate(new S1MonteCarloClaim(0, S1MonteCarloClaim.DefaultSlopeTolerance, 0.5), output);
        PlantedPredictionRun.AssertFails(result, "every-step");
    }

    [Fact]
    public void Exact_catches_a_wrong_exponent_of_T()
    {
        var result = PlantedPredictionRun.Evaluate(new S1ExactClaim(-0.5, S1ExactClaim.DefaultSlopeTolerance, S1ExactClaim.DefaultSpreadBound, S1ExactClaim.DefaultRatioBound), output);
        PlantedPredictionRun.AssertFails(result, "slope");
    }

    [Fact]
    public void Exact_catches_a_constant_two_times_off()
    {
        var result = PlantedPredictionRun.Evaluate(new S1ExactClaim(0, S1ExactClaim.DefaultSlopeTolerance, S1ExactClaim.DefaultSpreadBound, 0.5), output);
        PlantedPredictionRun.AssertFails(result, "every-step");
    }

    // The derived constant doubled must miss N·T·E F at the largest T by 50%, far beyond the 1e-3 tolerance, for every schedule.
    [Fact]
    public void Asymptotic_constant_catches_a_constant_two_times_off()
    {
        double doubled = 2 * SpiridonoffExperiments.QuadraticAsymptoticConstant();
        var result = PlantedPredictionRun.Evaluate(new AsymptoticConstantClaim(doubled, AsymptoticConstantClaim.DefaultTolerance), output);
        PlantedPredictionRun.AssertFails(result, "N·T·E F(x̄^T) at T =");
        Assert.Equal(5, result.Assertions.Count(a => a.Name.Contains("N·T·E F(x̄^T) at T =", StringComparison.Ordinal) && a.Verdict == LocalSgdVerify.Checks.Statistics.Verdict.Fail));
    }
}
