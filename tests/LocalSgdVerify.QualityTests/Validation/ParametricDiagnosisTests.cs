using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// Bugs that real Local SGD code carries, planted in a child process — through the Python adapter's --bug NAME=VALUE
/// and through an independently written, PyTorch-style implementation (tests/fixtures/independent) — must be named on
/// the built-in oracle set, with the parameter of a parametric family estimated within 10 %.
/// </summary>
public sealed class ParametricDiagnosisTests
{
    private static string Independent(string flags) =>
        $"python3 \"{RepositoryPaths.Of("tests", "fixtures", "independent", "torch_style_local_sgd.py")}\" {flags}".TrimEnd();

    /// <summary>(command, bug class, planted parameter or NaN, scenarios that may let it through).</summary>
    public static TheoryData<string, string, double, int> Planted => new()
    {
        { AdapterRuns.Python("--bug leftover_momentum=0.3"), BugClasses.LeftoverMomentum, 0.3, 0 },
        { AdapterRuns.Python("--bug leftover_weight_decay=0.05"), BugClasses.LeftoverWeightDecay, 0.05, 0 },
        { AdapterRuns.Python("--bug gradient_clipping=1.5"), BugClasses.GradientClipping, 1.5, 0 },
        { AdapterRuns.Python("--bug step_size_scaled=0.5"), BugClasses.StepSizeScaled, 0.5, 0 },
        { AdapterRuns.Python("--bug step_size_scaled=4"), BugClasses.StepSizeScaled, 4, 0 },
        // Worker 1 is flipped; with one worker that is every worker, which gradient_sign_flipped names.
        { AdapterRuns.Python("--bug gradient_sign_flipped_on_some_workers=1"), BugClasses.GradientSignFlippedOnSomeWorkers, 1, 1 },
        // Nodes of two: the scenarios with N ≤ 2 have one node, which averages globally and conforms.
        { AdapterRuns.Python("--bug hierarchical_averaging=2"), BugClasses.HierarchicalAveraging, 2, 5 },
        { AdapterRuns.Python("--bug never_averages"), BugClasses.NeverAverages, double.NaN, 1 },
        { AdapterRuns.Python("--bug never_averages=1"), BugClasses.NeverAverages, double.NaN, 1 },
        { AdapterRuns.Python("--bug averages_every_step"), BugClasses.AveragesEveryStep, double.NaN, 2 },
        { AdapterRuns.Python("--bug worker_left_out_of_average"), BugClasses.WorkerLeftOutOfAverage, double.NaN, 1 },
        { AdapterRuns.Python("--bug gradient_at_averaged_point"), BugClasses.GradientAtAveragedPoint, double.NaN, 1 },
        { Independent("--momentum 0.2"), BugClasses.LeftoverMomentum, 0.2, 0 },
        { Independent("--momentum 0.5 --nesterov"), BugClasses.LeftoverMomentum, 0.5, 0 },
        { Independent("--weight-decay 0.05"), BugClasses.LeftoverWeightDecay, 0.05, 0 },
        { Independent("--max-grad-norm 1.5"), BugClasses.GradientClipping, 1.5, 0 },
        { Independent("--lr-scale 2"), BugClasses.StepSizeScaled, 2, 0 },
        { Independent("--flip-rank 0"), BugClasses.GradientSignFlippedOnSomeWorkers, 1, 1 },
        { Independent("--stale-gradient"), BugClasses.GradientAtAveragedPoint, double.NaN, 1 },
        { Independent("--ddp"), BugClasses.AveragesEveryStep, double.NaN, 2 },
        { Independent("--node-size 2"), BugClasses.HierarchicalAveraging, 2, 5 },
    };

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [MemberData(nameof(Planted))]
    public async Task EachPlantedFamilyIsNamedWithItsParameter(string command, string bugClass, double parameter, int mayPass)
    {
        var (run, standardError) = await AdapterRuns.ValidateAsync(command, AdapterRuns.DefaultSet(ValidationMode.Oracle));
        string described = AdapterRuns.Describe(run) + "\n" + string.Join("\n", standardError.TakeLast(20));
        Assert.True(run.ExitCode == 1, described);
        Assert.DoesNotContain(run.Results, result => result.Verdict == ScenarioVerdict.CouldNotRun);
        var failing = run.Results.Where(result => result.Verdict == ScenarioVerdict.NonConforming).ToList();
        Assert.True(failing.Count(result => result.Diagnosis!.Undecided) <= 1, $"more than one scenario could not tell {bugClass} apart:\n{described}");
        Assert.True(failing.Count >= run.Results.Count - mayPass, $"only {failing.Count} of {run.Results.Count} scenarios caught {bugClass}:\n{described}");
        foreach (var result in failing)
        {
            var diagnosis = result.Diagnosis!;
            bool oneWorker = result.Design.Workers[0] == 1;
            if (bugClass == BugClasses.GradientSignFlippedOnSomeWorkers && oneWorker)
            {
                Assert.True(diagnosis.BugClass == BugClasses.GradientSignFlipped, $"{result.Name}: {result.Summary}");
                continue;
            }
            Assert.True(diagnosis.BugClass == bugClass, $"{result.Name}: {result.Summary}\n{described}");
            // A schedule bug may coincide with another on some schedule (then both are listed); a fitted family is
            // confirmed by its replay and must stand alone.
            if (double.IsNaN(parameter)) continue;
            Assert.False(diagnosis.Undecided, $"{result.Name}: {result.Summary}");
            Assert.True(diagnosis.Parameter is double estimate && Math.Abs(estimate - parameter) <= 0.1 * parameter,
                $"{result.Name}: planted {parameter}, estimated {diagnosis.Parameter}: {result.Summary}");
            Assert.StartsWith($"{bugClass}: {diagnosis.Estimate}", result.Summary);
        }
    }

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("--momentum 0.2 --weight-decay 0.05", "leftover_momentum + leftover_weight_decay", "β ≈ 0.200, λ ≈ 0.0500 from steps")]
    [InlineData("--momentum 0.3 --dampening 0.3", "leftover_momentum + momentum_dampening", "β ≈ 0.300, d ≈ 0.300 from steps")]
    [InlineData("--weight-decay 0.05 --lr-scale 2", "leftover_weight_decay + step_size_scaled", "λ ≈ 0.0500, c ≈ 2.00 from steps")]
    public async Task SeveralOptimizerSettingsLeftOnTogetherAreNamedTogether(string flags, string bugClass, string estimates)
    {
        var (run, _) = await AdapterRuns.ValidateAsync(Independent(flags), AdapterRuns.DefaultSet(ValidationMode.Oracle));
        string described = AdapterRuns.Describe(run);
        Assert.All(run.Results, result =>
        {
            Assert.True(result.Verdict == ScenarioVerdict.NonConforming && result.Diagnosis!.BugClass == bugClass && !result.Diagnosis.Undecided, $"{result.Name}: {result.Summary}\n{described}");
            Assert.StartsWith(estimates, result.Diagnosis.Estimate);
        });
    }

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("python")]
    [InlineData("independent")]
    public async Task Float32IsNamedAndConformsAtTheSuggestedTolerance(string implementation)
    {
        string command = implementation == "python" ? AdapterRuns.Python("--bug float32_arithmetic") : Independent("--float32");
        var scenarios = AdapterRuns.Scenarios("separable-constant-period", "kink-haddadpour", "smooth-explicit", "separable-every-step-sixteen-workers");
        var (run, _) = await AdapterRuns.ValidateAsync(command, scenarios);
        Assert.True(run.ExitCode == 1, AdapterRuns.Describe(run));
        Assert.All(run.Results, result =>
        {
            Assert.True(result.Diagnosis?.BugClass == BugClasses.Float32Arithmetic, $"{result.Name}: {result.Summary}");
            Assert.InRange(result.Divergence!.Deviation, 1e-9, 1e-5);
            Assert.Contains($"with --tolerance {LocalSgdVerify.Model.Text.NumberText.ThreeSignificant(result.Diagnosis.SuggestedTolerance!.Value)} this run conforms", result.Summary);
        });
        // The suggestion holds: at the largest suggested tolerance every scenario conforms.
        double tolerance = run.Results.Max(result => result.Diagnosis!.SuggestedTolerance!.Value);
        var (again, _) = await AdapterRuns.ValidateAsync(command, scenarios, relativeTolerance: tolerance);
        Assert.True(again.ExitCode == 0, AdapterRuns.Describe(again));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task OneRoundCannotTellTheScheduleBugsApartAndListsThemAll()
    {
        // One-shot averaging with N = 4: never averaging, a lost final averaging, a late or shifted counter and one
        // worker left out of the only averaging all return worker 0's own model. The diagnosis names them all.
        var scenario = new ValidationScenarioReader().ReadFile(RepositoryPaths.Of("tests", "fixtures", "validation", "one-round-four-workers.json"));
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--no-sync-reports --bug never_averages"), [scenario]);
        var result = Assert.Single(run.Results);
        Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
        Assert.True(result.Diagnosis!.Undecided, result.Summary);
        Assert.Equal(
            [BugClasses.NeverAverages, BugClasses.NoFinalSync, BugClasses.SyncOneStepLate, BugClasses.WarmupOffset, BugClasses.WorkerLeftOutOfAverage],
            result.Diagnosis.Candidates.Order(StringComparer.Ordinal));
        Assert.StartsWith("one of ", result.Summary);
        Assert.Contains("never_averages or ", run.OverallVerdict());

        // With N = 2, dividing by N − 1 is not dividing at all: both are listed.
        var (pair, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--bug divisor_n_minus_1"), AdapterRuns.Scenarios("kink-constant-rounds"));
        Assert.Equal([BugClasses.DivisorNMinus1, BugClasses.SumNotDivided], Assert.Single(pair.Results).Diagnosis!.Candidates.Order(StringComparer.Ordinal));
    }
}
