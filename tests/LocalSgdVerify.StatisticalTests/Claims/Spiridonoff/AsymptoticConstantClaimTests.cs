using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Spiridonoff;

/// <summary>spiridonoff.asymptotic-constant at the quick profile (exact engine), and the derivation behind its allowance.</summary>
public sealed class AsymptoticConstantClaimTests(ITestOutputHelper output)
{
    // Expected Pass [derived]: N·T·E F(x̄^T) is within 2M/T + N·T·B(T)/C of C at every explored configuration.
    [Fact]
    public void EveryExploredConfigurationIsWithinItsAllowance()
    {
        var claim = new AsymptoticConstantClaim();
        var result = ClaimRuns.Quick(claim, output);
        Assert.Equal(Verdict.Pass, result.Verdict);
        var exploration = Assert.IsType<ExplorationReport>(result.Exploration);
        Assert.Equal(ExplorationReport.ForAllKind, exploration.Kind);
        Assert.Equal(AsymptoticConstantClaim.Configurations(Profile.Quick) + AsymptoticConstantClaim.PaperConfigurations.Count, exploration.Configurations);
        Assert.Equal(exploration.Configurations, exploration.Verdicts.Pass);
        Assert.Null(exploration.Counterexample);
        Assert.InRange(exploration.Worst!.Ratio, 0, 1);
        ClaimRuns.AssertBudgetIsHonest(claim, result);
        ClaimRuns.AssertIdsAreKeys(result);
    }

    // Hand computation: α = 3, σ = 0.5, a = (1, 2, 3): (9·0.25/2)·(1/5 + 2/11 + 3/17) = 1.125·522/935.
    [Fact]
    public void TheDerivedConstantMatchesTheHandComputation() =>
        Assert.Equal(1.125 * 522.0 / 935.0, AsymptoticConstantClaim.PredictedConstant(QuadraticSetting.Paper), 1e-15);

    // The allowance's first-order term, derived by hand (C_2 = C_1(m + 1)/2): with c = 0 and one coordinate,
    // T·(N·T·E F/C − 1) → (αa + 1)/2 − β. The exact engine must agree to O(1/T) at T = 10⁵ (x0 = 0: no start term).
    [Theory]
    [InlineData(1.0, 2.0, 1.0)]
    [InlineData(2.0, 1.5, 5.0)]
    [InlineData(0.5, 4.0, 2.0)]
    public void TheFirstOrderTermIsTheExactEnginesOwn(double curvature, double alpha, double beta)
    {
        var setting = new QuadraticSetting([curvature], 0, 0.5, 0, alpha, beta);
        const int steps = 100_000, workers = 4;
        var configuration = new LocalSgdConfiguration(setting.Problem, workers, steps, setting.StartPoint, setting.StepSize, new OneShot());
        double error = ExactEngine.TryCompute(configuration)!.OutputErrors[^1];
        double scaledGap = steps * (workers * (double)steps * error / AsymptoticConstantClaim.PredictedConstant(setting) - 1);
        double predicted = (alpha * curvature + 1) / 2 - beta;
        output.WriteLine($"T·gap = {scaledGap}, predicted {predicted}");
        Assert.InRange(scaledGap, predicted - 0.05, predicted + 0.05);
    }
}
