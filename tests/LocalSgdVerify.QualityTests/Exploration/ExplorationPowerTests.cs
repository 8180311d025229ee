using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.QualityTests.Exploration;

/// <summary>
/// The search has power: a law planted with a constant 2× too small, a wrong exponent of T, or a dropped hypothesis
/// must be caught at the quick profile, and its counterexample shrunk to a configuration no larger than a stated size.
/// The exact claims are deterministic, so each verdict and each shrunk size is a fact about the planted law.
/// </summary>
public sealed class ExplorationPowerTests(ITestOutputHelper output)
{
    // Sizes a shrunk counterexample must not exceed: one coordinate, one or two workers, and a horizon of at most a few
    // hundred steps (the smallest T_min of the space is ⌈25·(1 + |(αa + 1)/2 − β|)⌉ = 50 at a = 1, α = 3, β = 1).
    private const int LargestShrunkDimension = 1, LargestShrunkWorkers = 2, LargestShrunkHorizon = 800;

    [Fact]
    public void AsymptoticConstantTwoTimesTooSmallIsCaughtAndShrunk()
    {
        var result = ClaimRuns.Quick(new AsymptoticConstantClaim(0.5, 1, null), output);
        var final = Read(Counterexample(result));
        AssertSmall(final);
    }

    [Fact]
    public void AsymptoticConstantWithAWrongExponentOfTIsCaughtAndShrunk()
    {
        // N·T^0.8·E F → C claimed: the measured N·T^0.8·E F is C·T^(−0.2), at most 0.5 C for T ≥ 32.
        var result = ClaimRuns.Quick(new AsymptoticConstantClaim(1, 0.8, null), output);
        AssertSmall(Read(Counterexample(result)));
    }

    [Fact]
    public void AsymptoticConstantWithoutItsStepSizeHypothesisIsCaughtAtTheEdge()
    {
        // Dropping 2α a_k ≥ 3: α from the whole grid (0.25..6). Where some 2α a_k ≤ 1, N·T·E F grows without bound and the
        // formula has no positive limit; just above 1 the start and the early noise are forgotten too slowly for the
        // finite-T allowance. Every failure lies past the dropped edge.
        var widened = AsymptoticConstantClaim.Space.With(
            from setting in QuadraticSetting.Generator
            from workers in FsCheck.Fluent.Gen.Choose(1, 64)
            from schedule in ScheduleChoice.Any(100)
            select new AsymptoticConfiguration(setting, workers, schedule, AsymptoticConstantClaim.MinimumHorizon(setting, workers)),
            c => c.Setting.Curvatures.All(a => c.Setting.Alpha * a <= 9) && c.Setting.Beta >= 1 && c.Steps >= AsymptoticConstantClaim.MinimumHorizon(c.Setting, c.Workers),
            [new Hypothesis("2α a_k ≥ 3 dropped", "planted")]);
        var result = ClaimRuns.Quick(new AsymptoticConstantClaim(1, 1, widened), output);
        var final = Read(Counterexample(result));
        Assert.True(final.TwiceAlphaMu < 3, $"the counterexample {final.Description} satisfies the dropped hypothesis 2α a_k ≥ 3");
        Assert.True(final.Dimension <= LargestShrunkDimension && final.Workers <= LargestShrunkWorkers, $"not shrunk: {final.Description}");
    }

    [Fact]
    public void S1ExactWithABoundTwoTimesTooSmallIsCaughtAndShrunk()
    {
        // "At most 0.625 × every-step's error" (the bound 1.25 halved): increasing intervals would have to beat synchronous
        // SGD by 1.6×, which no configuration does (the derived limit is the same for every schedule).
        var result = ClaimRuns.Quick(new S1ExactClaim(0, S1ExactClaim.DefaultSpreadBound, S1ExactClaim.DefaultRatioBound / 2, null), output);
        var final = Read(Counterexample(result));
        Assert.True(final.Workers <= LargestShrunkWorkers && final.Dimension == LargestShrunkDimension, $"not shrunk: {final.Description}");
    }

    [Fact]
    public void S1ExactWithAWrongExponentOfTIsCaughtAndShrunk()
    {
        // "N·T·E F ∝ T^(−1/2)": N·T^1.5·E F must then be flat, but it grows 4× over 16× in T.
        var result = ClaimRuns.Quick(new S1ExactClaim(-0.5, S1ExactClaim.DefaultSpreadBound, S1ExactClaim.DefaultRatioBound, null), output);
        // The scenario replays the largest horizon, 16T0.
        var final = Read(Counterexample(result));
        AssertSmall(final with { Steps = final.Steps / 16 });
    }

    [Fact]
    public void S1ExactWithoutItsStepSizeHypothesisIsCaughtAtTheEdge()
    {
        // Dropping "α large enough" (2αμ ≥ 3): with 2αμ < 1 the 1/T rate is lost (claims.md §4a), N·T·E F grows like T^(1 − 2αμ).
        var space = S1ExactClaim.Space.With(
            from setting in QuadraticSetting.Generator
            from workers in FsCheck.Fluent.Gen.Choose(2, 64)
            from factor in FsCheck.Fluent.Gen.Elements<int>(S1ExactClaim.RoundFactors)
            select new S1Configuration(setting, workers, factor, 2 * AsymptoticConstantClaim.MinimumHorizon(setting, workers)),
            c => c.Setting.Curvatures.All(a => c.Setting.Alpha * a <= 9) && c.Setting.Beta >= 1 && c.Workers is >= 2 and <= 64
                && c.BaseSteps >= 2 * AsymptoticConstantClaim.MinimumHorizon(c.Setting, c.Workers),
            [new Hypothesis("2αμ ≥ 3 dropped", "planted")]);
        var result = ClaimRuns.Quick(new S1ExactClaim(0, S1ExactClaim.DefaultSpreadBound, S1ExactClaim.DefaultRatioBound, space), output);
        var final = Read(Counterexample(result));
        Assert.True(final.TwiceAlphaMu < 3, $"the counterexample {final.Description} satisfies the dropped hypothesis");
        Assert.True(final.Dimension == 1 && final.Workers <= LargestShrunkWorkers, $"not shrunk: {final.Description}");
    }

    private static ExploredCase Counterexample(ClaimResult result)
    {
        Assert.True(result.Verdict == Verdict.Fail, $"the planted law was not caught: {result.Verdict}");
        var exploration = Assert.IsType<ExplorationReport>(result.Exploration);
        return Assert.IsType<ExploredCase>(exploration.Counterexample);
    }

    // The counterexample as the user gets it: its scenario object read back by the scenario reader.
    private static Shrunk Read(ExploredCase counterexample)
    {
        var configuration = new ScenarioReader().Read(counterexample.Scenario, "counterexample").Configuration;
        var problem = Assert.IsType<SeparableQuadratic>(configuration.Problem);
        var stepSize = Assert.IsType<InverseTimeStepSize>(configuration.StepSize);
        return new Shrunk(problem.Curvatures.Count, configuration.Workers, configuration.Steps, 2 * stepSize.Alpha * problem.Curvatures.Min(), counterexample.Description);
    }

    private sealed record Shrunk(int Dimension, int Workers, int Steps, double TwiceAlphaMu, string Description);

    private static void AssertSmall(Shrunk final) =>
        Assert.True(final.Dimension <= LargestShrunkDimension && final.Workers <= LargestShrunkWorkers && final.Steps <= LargestShrunkHorizon,
            $"not shrunk to d ≤ {LargestShrunkDimension}, N ≤ {LargestShrunkWorkers}, T ≤ {LargestShrunkHorizon}: {final.Description}");
}
