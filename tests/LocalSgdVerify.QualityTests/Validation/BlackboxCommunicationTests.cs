using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// Blackbox mode judges communication: by the sync reports when the implementation sends them, and by the statistics
/// of scenarios whose outcome depends on the schedule (kink-schedule-witness) when it does not.
/// </summary>
public sealed class BlackboxCommunicationTests
{
    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("--no-sync-reports --bug never_averages", BugClasses.NeverAverages)]
    [InlineData("--no-sync-reports --bug never_averages=1", BugClasses.NeverAverages)]
    [InlineData("--no-sync-reports --bug averages_every_step", BugClasses.AveragesEveryStep)]
    [InlineData("--bug averages_every_step", BugClasses.AveragesEveryStep)]
    public async Task AWrongScheduleFailsTheWitnessScenarioWithoutAnySyncReport(string arguments, string bugClass)
    {
        // On the kink with σ = 8 and N = 16 the mean output after T = 40 is about −0.24 under the declared period 5,
        // −0.11 when averaging every step and −0.42 for a single worker or averaging only at the end (sd ≈ 0.31 over
        // runs, 1.2 for one worker): 400 runs put each alternative 7–10 standard errors away, far beyond the
        // assertion's critical value (about 4.5 at its share of α = 1e-4). Seeds are fixed, so the test is deterministic.
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python(arguments), AdapterRuns.Scenarios("kink-schedule-witness"), ValidationMode.Blackbox);
        var result = Assert.Single(run.Results);
        Assert.True(result.Verdict == ScenarioVerdict.NonConforming, result.Summary + "\n" + string.Join("\n", result.Evidence));
        Assert.True(result.Diagnosis?.BugClass == bugClass, result.Summary);
        Assert.Equal(1, run.ExitCode);
    }

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("sync_one_step_late", BugClasses.SyncOneStepLate)]
    [InlineData("sync_one_step_early", BugClasses.SyncOneStepEarly)]
    [InlineData("counter_advances_twice", BugClasses.CounterAdvancesTwice)]
    [InlineData("no_final_sync", BugClasses.NoFinalSync)]
    public async Task WrongSyncReportsFailAScenarioWhoseStatisticsCannotSeeTheSchedule(string bug, string bugClass)
    {
        // The separable quadratic's mean output does not depend on the schedule, so only the reports can show it.
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--bug " + bug), AdapterRuns.Scenarios("separable-constant-period"), ValidationMode.Blackbox);
        var result = Assert.Single(run.Results);
        Assert.True(result.Verdict == ScenarioVerdict.NonConforming, result.Summary);
        Assert.True(result.Diagnosis?.BugClass == bugClass, result.Summary);
        Assert.Contains(result.Evidence, line => line.StartsWith("200 of 200 runs report averaging that differs from the declared schedule", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task TheCorrectAdapterPassesTheWitnessScenario()
    {
        // False-fail rate at most α = 1e-4 (3 assertions at α/3 each); the seeds are fixed, so the outcome is deterministic.
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python(), AdapterRuns.Scenarios("kink-schedule-witness"), ValidationMode.Blackbox);
        var result = Assert.Single(run.Results);
        Assert.True(result.Verdict == ScenarioVerdict.Conforms, result.Summary + "\n" + string.Join("\n", result.Evidence));
        Assert.Contains(result.Evidence, line => line.StartsWith("every run reported averaging after exactly the declared steps", StringComparison.Ordinal));
    }
}
