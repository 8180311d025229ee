using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.Scenarios.ProblemReaders;
using LocalSgdVerify.Model.StepSizes;
using Xunit;
using LocalSgdVerify.Model.Scenarios.Schema;

namespace LocalSgdVerify.Tests.Scenarios;

/// <summary>Hand-computed facts about how fields and defaults resolve.</summary>
public class ScenarioReaderFactTests
{
    [Fact]
    public void AbsentOptionalFieldsTakeTheDocumentedDefaults()
    {
        Scenario scenario = ScenarioTestFiles.Read(ScenarioTestFiles.Base());
        Assert.Equal("", scenario.Description);
        Assert.Equal(200, scenario.Replicates);
        Assert.Equal(1UL, scenario.Seed);
        Assert.Equal(0.95, scenario.ConfidenceLevel);
        Assert.Equal(1e100, scenario.Configuration.DivergenceBound);
        Assert.Same(OutputIterate.LastAverage, scenario.Configuration.Output);
        Assert.Equal([1000], scenario.Configuration.Checkpoints);
        // inverse-time defaults β = 1, μ = 1: η_t = 3/(t + 1).
        var stepSize = Assert.IsType<InverseTimeStepSize>(scenario.Configuration.StepSize);
        Assert.Equal((3.0, 1.0, 1.0), (stepSize.Alpha, stepSize.Beta, stepSize.Mu));
    }

    [Fact]
    public void ScalarX0IsUsedForEveryCoordinate()
    {
        Scenario scenario = ScenarioTestFiles.Read(ScenarioTestFiles.Base().With("x0", "-2.5"));
        Assert.Equal([-2.5, -2.5, -2.5], scenario.Configuration.InitialPoint);
    }

    [Fact]
    public void CommentsAndWholeNumbersInExponentFormAreAccepted()
    {
        const string json = """
            // A scenario may carry comments.
            {
              "name": "commented", /* inline too */
              "problem": { "family": "kink", "noise": 8 },
              "workers": 4.0,
              "steps": 1e3,
              "x0": [2],
              "step_size": { "kind": "capped-inverse-time", "alpha": 2, "cap": 0.5 },
              "communication": { "kind": "one-shot" }
            }
            """;
        Scenario scenario = ScenarioTestFiles.Read(json);
        Assert.Equal((4, 1000), (scenario.Configuration.Workers, scenario.Configuration.Steps));
        var kink = Assert.IsType<KinkFunction>(scenario.Configuration.Problem);
        Assert.Equal(1.0, kink.Curvature); // the default μ of Spiridonoff et al.'s code
    }

    [Theory]
    [InlineData("""{"count":4,"spacing":"linear"}""", 10, new[] { 3, 5, 8, 10 })] // round(2.5) = 3, 5, round(7.5) = 8, 10
    [InlineData("""{"count":3}""", 100, new[] { 1, 10, 100 })] // log by default: 100^0, 100^½, 100^1
    [InlineData("""{"count":1}""", 100, new[] { 100 })]
    [InlineData("""{"count":5,"spacing":"log"}""", 5, new[] { 1, 2, 3, 5 })] // 5^(i/4) = 1, 1.50, 2.24, 3.34, 5 → 1, 1, 2, 3, 5; the repeated 1 is dropped
    [InlineData("[10, 50]", 1000, new[] { 10, 50, 1000 })] // T is appended
    [InlineData("[10, 1000]", 1000, new[] { 10, 1000 })]
    public void CheckpointsResolveToIncreasingStepsEndingAtT(string checkpoints, int steps, int[] expected)
    {
        var json = ScenarioTestFiles.Base().With("steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("communication", """{"kind":"one-shot"}""").With("checkpoints", checkpoints);
        Assert.Equal(expected, ScenarioTestFiles.Read(json).Configuration.Checkpoints);
    }

    [Fact]
    public void StichStepSizeDefaultsToTheProblemsConstantsAndTheSchedulesPeriod()
    {
        // a = (1, 2, 3): μ = 1, κ = 3; H = ⌊√(400/4)⌋ = 10; shift a = max(16κ, H) = 48; η_0 = 4/(μ·48).
        var json = ScenarioTestFiles.Base().With("steps", "400").With("step_size", """{"kind":"stich"}""")
            .With("communication", """{"kind":"stich"}""").With("output", "\"stich-weighted\"");
        json = json.With("output", """{"kind":"stich-weighted"}""");
        var configuration = ScenarioTestFiles.Read(json).Configuration;
        var stich = Assert.IsType<StichStepSize>(configuration.StepSize);
        Assert.Equal((1.0, 3.0, 10, 48.0), (stich.Mu, stich.ConditionNumber, stich.Period, stich.Shift));
        Assert.Equal(4.0 / 48.0, configuration.StepSize.At(0));
        Assert.Equal(48.0, Assert.IsType<OutputIterate.StichWeightedIterate>(configuration.Output).Shift);
    }

    [Fact]
    public void StichStepSizeTakesAConstantPeriodAndNeedsOneOtherwise()
    {
        var withPeriod = ScenarioTestFiles.Base().With("step_size", """{"kind":"stich"}""").With("communication", """{"kind":"constant-period","period":60}""");
        Assert.Equal(60.0, Assert.IsType<StichStepSize>(ScenarioTestFiles.Read(withPeriod).Configuration.StepSize).Shift); // max(48, 60)

        var withoutPeriod = ScenarioTestFiles.Base().With("step_size", """{"kind":"stich"}""").With("communication", """{"kind":"one-shot"}""");
        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(withoutPeriod));
        Assert.Equal("step_size.period is missing: expected an integer in 1..1000 (a period may not exceed steps = 1000).", error.Message);
    }

    [Fact]
    public void RoundingToPowersOfTwoRoundsEachStepSizeDown()
    {
        // min(2/(t+1), 1/2): t = 0 → 0.5; t = 4 → 0.4 → 0.25; t = 8 → 0.222 → 0.125; t = 15 → 0.125 → 0.125.
        var json = ScenarioTestFiles.Base().With("step_size", """{"kind":"capped-inverse-time","alpha":2,"cap":0.5,"round_to_power_of_two":true}""");
        var stepSize = ScenarioTestFiles.Read(json).Configuration.StepSize;
        Assert.IsType<PowerOfTwoRoundedStepSize>(stepSize);
        Assert.Equal([0.5, 0.25, 0.125, 0.125], new[] { 0, 4, 8, 15 }.Select(stepSize.At));
    }

    [Fact]
    public void RoundsAsAPowerOfTheWorkersGiveCeilOfNToTheP()
    {
        // N = 16, p = ½: R = 4 rounds of T/R = 250 steps.
        var json = ScenarioTestFiles.Base().With("workers", "16").With("communication", """{"kind":"constant-rounds","rounds":{"workers_power":0.5}}""");
        Assert.Equal([250, 500, 750, 1000], ScenarioTestFiles.Read(json).Configuration.StaticSyncSteps!);
    }

    [Fact]
    public void ExplicitScheduleIsUsedAsWritten()
    {
        var json = ScenarioTestFiles.Base().With("communication", """{"kind":"explicit","steps":[1,999,1000]}""");
        Assert.Equal([1, 999, 1000], ScenarioTestFiles.Read(json).Configuration.StaticSyncSteps!);
    }

    [Fact]
    public void CosineHorizonDefaultsToT()
    {
        var json = ScenarioTestFiles.Base().With("step_size", """{"kind":"cosine","peak":0.1,"warmup_steps":10}""");
        var cosine = Assert.IsType<CosineWithWarmupStepSize>(ScenarioTestFiles.Read(json).Configuration.StepSize);
        Assert.Equal((1000, 10, 0.0), (cosine.TotalSteps, cosine.WarmupSteps, cosine.Final));
        Assert.Equal(0.01, cosine.At(0)); // warm-up: peak·(t + 1)/W = 0.1/10
    }

    [Fact]
    public void LargestSeedIsReadExactly()
    {
        var json = ScenarioTestFiles.Base().With("seed", "18446744073709551615");
        Assert.Equal(ulong.MaxValue, ScenarioTestFiles.Read(json).Seed);
    }

    [Fact]
    public void ARegistryWithOneMoreReaderAcceptsItsFamily()
    {
        // This is the extension point every family uses: one reader, one registry entry.
        var registry = ProblemReaderRegistry.Default.With(new ShiftedKinkReader());
        var json = ScenarioTestFiles.Base().With("problem", """{"family":"test-kink","noise":2}""").With("x0", "1");
        Scenario scenario = new ScenarioReader(registry).Read(json.ToJsonString());
        Assert.Equal(2.0, Assert.IsType<KinkFunction>(scenario.Configuration.Problem).Noise);

        var error = Assert.Throws<ScenarioException>(() => ScenarioTestFiles.Read(json));
        Assert.Equal("problem.family = \"test-kink\" is not allowed: expected one of dense-quadratic, heterogeneous-quadratics, kink, label-noise-uv, least-squares, logistic-regression, separable-quadratic, smooth.", error.Message);
        var listed = Assert.Throws<ScenarioException>(() => new ScenarioReader(registry).Read(json.With("problem.family", "\"nope\"").ToJsonString()));
        Assert.Equal("problem.family = \"nope\" is not allowed: expected one of dense-quadratic, heterogeneous-quadratics, kink, label-noise-uv, least-squares, logistic-regression, separable-quadratic, smooth, test-kink.", listed.Message);
    }

    [Fact]
    public void TwoReadersForOneFamilyAreRefused()
        => Assert.Throws<ArgumentException>(() => ProblemReaderRegistry.Default.With(new KinkFunctionReader()));

    private sealed class ShiftedKinkReader : IProblemReader
    {
        public string Family => "test-kink";
        public string Summary => "a kink function under another name, for the registry test";
        public IReadOnlyList<ScenarioField> FieldTable { get; } = [ScenarioField.Needed("noise", SchemaShape.Number(NumberRule.NonNegative))];
        public IProblem Read(ScenarioObject problem, ScenarioContext context) => new KinkFunction(1.0, problem.Number("noise", NumberRule.NonNegative));
    }
}
