using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.InProcess;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>
/// A .NET implementation validated without a process (ILocalSgdImplementation behind the in-process host): the
/// correct one conforms on every built-in oracle scenario, the buggy ones are named.
/// </summary>
public sealed class InProcessValidationTests
{
    private static readonly IReadOnlyList<ValidationScenario> OracleSet =
        DefaultScenarioSet.ForMode(DefaultScenarioSet.Load(RepositoryPaths.Of(DefaultScenarioSet.RelativeFolder)), ValidationMode.Oracle);

    private static Task<ValidationRun> Validate(ILocalSgdImplementation implementation) =>
        ValidationRunner.RunAsync(ImplementationTarget.InProcess(implementation), OracleSet, new ValidationOptions(), TestContext.Current.CancellationToken);

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task CorrectCSharpImplementationConformsOnEveryBuiltInScenarioBitForBit()
    {
        var run = await Validate(new CorrectImplementation());
        Assert.All(run.Results, result => Assert.True(result.Verdict == ScenarioVerdict.Conforms, $"{result.Name}: {result.Summary}"));
        // It sums in worker order and divides by N, as the reference does: not one bit differs.
        Assert.All(run.Results, result => Assert.Equal(0.0, result.MaximumDeviation));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("csharp-correct", run.Implementation!.Implementation);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task LateSyncIsDiagnosedWhereverTheScheduleCanShowIt()
    {
        var run = await Validate(new LateSyncImplementation());
        Assert.Equal(1, run.ExitCode);
        var failing = run.Results.Where(r => r.Verdict == ScenarioVerdict.NonConforming).ToList();
        Assert.True(failing.Count >= OracleSet.Count - 2, $"only {failing.Count} scenarios caught it");
        Assert.All(failing, result => Assert.Equal(BugClasses.SyncOneStepLate, result.Diagnosis!.BugClass));
        // Only one-shot averaging ({T}: a late check of T − 1 ∉ I plus the final averaging) is unaffected.
        Assert.All(run.Results.Where(r => r.Verdict == ScenarioVerdict.Conforms), result => Assert.Equal("one-shot", result.Design.Schedules[0]));
        var constantPeriod = run.Results.Single(r => r.Name == "separable-constant-period");
        Assert.Contains("averaged after steps 6, 11, 16, 21, …, 30 instead of 5, 10, 15, 20, …, 30", constantPeriod.Summary);
        Assert.Equal(6, constantPeriod.Divergence!.Step);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task SchedulerSteppedBeforeTheOptimizerIsDiagnosed()
    {
        var run = await Validate(new StepSizeAheadImplementation());
        var failing = run.Results.Where(r => r.Verdict == ScenarioVerdict.NonConforming).ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, result => Assert.Equal(BugClasses.StepSizeOneStepAhead, result.Diagnosis!.BugClass));
        // Step s used η_{s+1}: the first step whose size differs from the next one shows in the points of the step after it.
        foreach (var result in failing)
        {
            var configuration = OracleSet.Single(s => s.Name == result.Name).Scenario.Configuration;
            int first = Enumerable.Range(1, configuration.Steps - 1).First(s => configuration.StepSize.At(s) != configuration.StepSize.At(s - 1));
            Assert.Equal(first + 1, result.Divergence!.Step);
        }
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ImplementationThatThrowsCouldNotRunAndTheRestIsNotStartedAgain()
    {
        var run = await Validate(new ThrowingImplementation());
        // A crash is a finding about the implementation (exit 1); exit 2 is kept for the user's own mistakes.
        Assert.Equal(1, run.ExitCode);
        Assert.All(run.Results, result => Assert.Equal(ScenarioVerdict.CouldNotRun, result.Verdict));
        Assert.Equal("process_crashed", run.Results[0].Error!.Code);
        Assert.Contains("out of memory on purpose", run.Results[0].Summary);
        Assert.All(run.Results.Skip(1), result => Assert.Contains($"could not be run in scenario {run.Results[0].Name}", result.Summary));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PointTooFarForAFiniteGradientStopsTheRunAndTheNextScenarioStartsAFreshSession()
    {
        var scenarios = OracleSet.Where(s => s.Name is "separable-constant-period" or "separable-stich").ToList();
        var run = await ValidationRunner.RunAsync(ImplementationTarget.InProcess(new FarAwayImplementation()), scenarios, new ValidationOptions(),
            TestContext.Current.CancellationToken);
        Assert.Equal(2, run.Results.Count);
        Assert.All(run.Results, result =>
        {
            Assert.Equal(ScenarioVerdict.NonConforming, result.Verdict);
            Assert.Equal((1, 0, 1), (result.Divergence!.Step, result.Divergence.Worker!.Value, result.Divergence.Coordinate));
            Assert.Equal(1e308, result.Divergence.Actual);
            Assert.Contains(result.Evidence, line => line.Contains("the harness stopped the run at step 1", StringComparison.Ordinal));
        });
    }

    /// <summary>Asks for its first gradient with coordinate 1 at 1e308, where a_1·x_1 = 2e308 overflows (both scenarios have a_1 = 2).</summary>
    private sealed class FarAwayImplementation : ILocalSgdImplementation
    {
        public string Name => "far-away";

        public double[] RunOracle(LocalSgdVerify.Validation.Protocol.RunMessage run, IGradientSource oracle)
        {
            var point = (double[])run.X0.Clone();
            point[1] = 1e308;
            oracle.Gradient(1, 0, point);
            throw new InvalidOperationException("unreachable: the harness stops the run");
        }
    }

    private sealed class ThrowingImplementation : ILocalSgdImplementation
    {
        public string Name => "throws";

        public double[] RunOracle(LocalSgdVerify.Validation.Protocol.RunMessage run, IGradientSource oracle)
        {
            oracle.Gradient(1, 0, run.X0);
            throw new InvalidOperationException("out of memory on purpose");
        }
    }
}
