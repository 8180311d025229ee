using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Protocol;
using LocalSgdVerify.Validation.Running;
using LocalSgdVerify.Validation.Scenarios;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>The overall verdict line, the exit codes, and how protocol errors are sorted into findings, faults and the user's setup.</summary>
public sealed class ValidationVerdictTests
{
    private static ScenarioResult Result(string name, ScenarioVerdict verdict, Diagnosis? diagnosis = null, ProtocolError? error = null, bool skipped = false) =>
        new(name, "", null, ValidationMode.Oracle, verdict, "", diagnosis, null, error, [], [],
            new ClaimDesign("kink", [2], [10], ["constant-period"], 1, 0, "oracle mode"), null, 0) { Skipped = skipped };

    private static ValidationRun Validation(params ScenarioResult[] results) => new("impl", null, new ValidationOptions(), results, 0);

    private static readonly Diagnosis Late = new(BugClasses.SyncOneStepLate, "late", []);

    [Fact]
    public void FindingsAreCountedMostFrequentFirst()
    {
        var run = Validation(
            Result("a", ScenarioVerdict.NonConforming, Late), Result("b", ScenarioVerdict.NonConforming, Late),
            Result("c", ScenarioVerdict.NonConforming, new Diagnosis(BugClasses.DivisorNMinus1, "divisor", [BugClasses.SumNotDivided])),
            Result("d", ScenarioVerdict.Conforms));
        Assert.Equal("does not conform: sync_one_step_late in 2 of 4 scenarios; divisor_n_minus_1 or sum_not_divided in 1 of 4 scenarios (1 conforms)", run.OverallVerdict());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void EverythingConforming()
    {
        var run = Validation(Result("a", ScenarioVerdict.Conforms), Result("b", ScenarioVerdict.Conforms));
        Assert.Equal("conforms: all 2 scenarios match the reference", run.OverallVerdict());
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void ACrashIsAFindingAndTheScenariosNotRunAfterItAreNot()
    {
        var crash = new ProcessCrashed(1, "Traceback\nValueError: x");
        var run = Validation(Result("a", ScenarioVerdict.CouldNotRun, error: crash), Result("b", ScenarioVerdict.CouldNotRun, error: crash, skipped: true));
        Assert.Equal("does not conform: process_crashed in 1 of 2 scenarios (1 could not run)", run.OverallVerdict());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void ACommandThatCannotStartIsTheUsersSetup()
    {
        var start = new ProcessStartFailed("nothing", "no program named \"nothing\"");
        var run = Validation(Result("a", ScenarioVerdict.CouldNotRun, error: start), Result("b", ScenarioVerdict.CouldNotRun, error: start, skipped: true));
        Assert.Equal("not validated: the implementation could not be run (2 could not run)", run.OverallVerdict());
        Assert.Equal(2, run.ExitCode);
    }

    [Theory]
    [InlineData("result_twice", BugClasses.ResultSentTwice)]
    [InlineData("sync_after_result", BugClasses.MessageAfterResult)]
    [InlineData("result_after_shutdown", BugClasses.ResultSentTwice)]
    [InlineData("log_after_shutdown", BugClasses.MessageAfterResult)]
    [InlineData("sync_step_past_t", BugClasses.SyncAfterLastStep)]
    [InlineData("sync_step_zero", BugClasses.ProtocolViolation)]
    [InlineData("error_message", BugClasses.ImplementationError)]
    [InlineData("query_after_complete", BugClasses.ProtocolViolation)]
    public void RunLevelViolationsAreFindingsWithTheirOwnName(string violation, string bugClass)
    {
        ProtocolError error = violation switch
        {
            "result_twice" => new MessageAfterResult("r1", MessageKind.Result, "r2"),
            "sync_after_result" => new MessageAfterResult("r1", MessageKind.Sync, "r2"),
            "result_after_shutdown" => new UnexpectedMessage(SessionState.Closed, MessageKind.Result, ProtocolViolation.MessageAfterShutdown),
            "log_after_shutdown" => new UnexpectedMessage(SessionState.Closed, MessageKind.Log, ProtocolViolation.MessageAfterShutdown),
            "sync_step_past_t" => new InvalidField("sync.step", "11", "a step in 1..10"),
            "sync_step_zero" => new InvalidField("sync.step", "0", "a step in 1..10"),
            "error_message" => new ImplementationReportedError("CUDA out of memory"),
            _ => new UnexpectedMessage(SessionState.AwaitingResult, MessageKind.Query, ProtocolViolation.QueryAfterRunComplete),
        };
        Assert.False(ProtocolFindings.EndsValidation(error));
        Assert.Equal(bugClass, ProtocolFindings.Diagnose(error, 10)!.BugClass);
    }

    [Fact]
    public void FaultsThatMeanTheImplementationCannotBeDrivenEndTheValidation()
    {
        ProtocolError[] faults =
        [
            new ProcessCrashed(1, ""), new ProcessExitedEarly(3, ""), new MessageTimeout(TimeSpan.FromSeconds(1), "x"), new TotalTimeout(TimeSpan.FromSeconds(1)),
            new MalformedMessage(1, "epoch 1", "not JSON"), new UnknownMessage("gradient_request", "{}"), new OutputFlood(OutputLimit.TotalBytes, 1),
            new HandshakeIgnored("query"), new HandshakeMismatch("1", "2"),
        ];
        Assert.All(faults, fault =>
        {
            Assert.True(ProtocolFindings.EndsValidation(fault), fault.Code);
            Assert.Null(ProtocolFindings.Diagnose(fault, 10));
        });
        Assert.True(ProtocolFindings.IsUserSetup(new ModeNotSupported("blackbox", ["oracle"])));
    }
}
