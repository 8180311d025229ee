using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.QualityTests.Validation;

/// <summary>
/// Protocol violations inside a run, planted with the Python adapter's protocol bugs (restricted to the runs whose
/// id contains the bug's VALUE): each must be attributed to the run that caused it — also when the stray message is
/// only read at the start of the next run or after shutdown — and the other scenarios must still run and conform.
/// </summary>
public sealed class ProtocolViolationTests
{
    private static readonly IReadOnlyList<ValidationScenario> TwoScenarios = AdapterRuns.Scenarios("separable-stich", "smooth-qsr");

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("result_sent_twice=separable-stich", "separable-stich", BugClasses.ResultSentTwice)]
    [InlineData("message_after_result=separable-stich", "separable-stich", BugClasses.MessageAfterResult)]
    [InlineData("result_sent_twice=smooth-qsr", "smooth-qsr", BugClasses.ResultSentTwice)]
    [InlineData("message_after_result=smooth-qsr", "smooth-qsr", BugClasses.MessageAfterResult)]
    [InlineData("sync_after_last_step=separable-stich", "separable-stich", BugClasses.SyncAfterLastStep)]
    [InlineData("sync_after_last_step=smooth-qsr", "smooth-qsr", BugClasses.SyncAfterLastStep)]
    [InlineData("run_ended_early=separable-stich", "separable-stich", BugClasses.RunEndedEarly)]
    public async Task AViolationIsAttributedToItsRunAndTheOtherScenarioStillConforms(string bug, string guilty, string bugClass)
    {
        // A violation in the first scenario is read when the second has started; in the last, after shutdown.
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--bug " + bug), TwoScenarios);
        string described = AdapterRuns.Describe(run);
        Assert.True(run.ExitCode == 1, described);
        var culprit = run.Results.Single(result => result.Name == guilty);
        Assert.True(culprit.Verdict == ScenarioVerdict.NonConforming && culprit.Diagnosis?.BugClass == bugClass, described);
        Assert.All(run.Results.Where(result => result.Name != guilty), result => Assert.True(result.Verdict == ScenarioVerdict.Conforms, described));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ASecondResultIsFoundWhenOnlyOneScenarioRuns()
    {
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--bug result_sent_twice"), AdapterRuns.Scenarios("smooth-qsr"));
        var result = Assert.Single(run.Results);
        Assert.Equal(BugClasses.ResultSentTwice, result.Diagnosis?.BugClass);
        Assert.Equal(1, run.ExitCode);
    }

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("separable-constant-period/N4/seed15")]   // a run in the middle of the scenario: read by its next run
    [InlineData("separable-constant-period/N4/seed210")]  // the scenario's last run: read by the next scenario's first
    public async Task BlackboxSecondResultIsTheScenarioOfTheRunThatSentIt(string runId)
    {
        var (run, _) = await AdapterRuns.ValidateAsync(AdapterRuns.Python("--bug result_sent_twice=" + runId),
            AdapterRuns.Scenarios("separable-constant-period", "kink-constant-rounds"), ValidationMode.Blackbox);
        string described = AdapterRuns.Describe(run);
        var guilty = run.Results.Single(result => result.Name == "separable-constant-period");
        Assert.True(guilty.Diagnosis?.BugClass == BugClasses.ResultSentTwice, described);
        Assert.Contains(runId, guilty.Summary);
        Assert.True(run.Results.Single(result => result.Name == "kink-constant-rounds").Verdict == ScenarioVerdict.Conforms, described);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task AStrayMessageBeforeTheFirstQueryBelongsToThePreviousRun()
    {
        // Directly on a session: the second result of run "first" arrives when run "second" has started.
        var script = $"python3 \"{RepositoryPaths.Of("adapters", "python", "local_sgd.py")}\" --bug result_sent_twice=first";
        var started = ProtocolSession.StartProcess(new LocalSgdVerify.Validation.Process.ProcessOptions { CommandLine = script });
        await using var session = started.GetValueOrThrow();
        Assert.True((await session.HandshakeAsync(TestContext.Current.CancellationToken)).Succeeded);
        RunMessage Run(string id) => new(id, 1, 1, 2, [1.0], [0.5, 0.5],
            new CommunicationSchedule("explicit", ProtocolJson.EmptyObject, [2]), OutputIterateNames.LastAverage);
        Assert.True((await session.RunOracleAsync(Run("first"), query => query.Point, cancellationToken: TestContext.Current.CancellationToken)).Succeeded);
        var second = await session.RunOracleAsync(Run("second"), query => query.Point, cancellationToken: TestContext.Current.CancellationToken);
        var stray = Assert.IsType<MessageAfterResult>(second.Error);
        Assert.Equal(("first", MessageKind.Result, "second"), (stray.RunId, stray.Kind, stray.NextRunId));
        Assert.Equal("message_after_result", stray.Code);
    }
}
