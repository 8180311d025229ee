using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using Xunit;
using LocalSgdVerify.TestSupport;

namespace LocalSgdVerify.QualityTests.FaultyImplementations;

/// <summary>
/// Planted faults in real child processes (tests/fixtures/faulty): each must end in the right named error with a
/// message that names the cause and the last good step, within the configured timeouts, and leave no process alive.
/// </summary>
public sealed class FaultyImplementationTests
{
    private static readonly TimeSpan DeathLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs a fixture to its first error, disposes the session, and checks that the child is gone.</summary>
    private static async Task<(TError Error, FixtureRun Run)> FailsWithAsync<TError>(FixtureRun run, RunMessage? description = null) where TError : ProtocolError
    {
        ProtocolError? error;
        await using (run)
        {
            error = await run.HandshakeAndRunAsync(description);
        }
        Assert.True(await ProcessLiveness.BecomesDeadAsync(run.Process.ProcessId, DeathLimit), $"pid {run.Process.ProcessId} still alive");
        Assert.True(run.Process.HasExited);
        Assert.NotNull(error);
        Assert.NotNull(error.Progress);
        return (Assert.IsType<TError>(error), run);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void MissingProgramFailsToStartNamingIt()
    {
        var exception = Assert.Throws<ProtocolException>(() => FixtureRun.Start("definitely-not-a-command-9f3 --flag"));
        var error = Assert.IsType<ProcessStartFailed>(exception.Error);
        Assert.Contains("no program named \"definitely-not-a-command-9f3\"", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void FileWithoutExecutePermissionFailsToStartWithAdvice()
    {
        var exception = Assert.Throws<ProtocolException>(() => FixtureRun.Start($"\"{FixturePaths.Of("faulty_common.py")}\""));
        var error = Assert.IsType<ProcessStartFailed>(exception.Error);
        Assert.Contains("not executable", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public void MissingWorkingDirectoryFailsToStart()
    {
        var outcome = ProtocolSession.StartProcess(new ProcessOptions { CommandLine = "python3 -V", WorkingDirectory = "/no/such/directory/here" });
        var error = Assert.IsType<ProcessStartFailed>(outcome.Error);
        Assert.Contains("/no/such/directory/here does not exist", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ExitBeforeHelloIsExitedEarlyWithCodeAndStandardError()
    {
        var (error, _) = await FailsWithAsync<ProcessExitedEarly>(FixtureRun.Start($"\"{FixturePaths.Of("exit_before_hello.sh")}\""));
        Assert.Equal(3, error.ExitCode);
        Assert.Contains("exit code 3 before completing the handshake", error.Message);
        Assert.Contains("could not import torch", error.Message);
        Assert.Contains("During the handshake", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ExitLeavingAGrandchildOnThePipeIsStillReportedAndTheGrandchildKilled()
    {
        var run = FixtureRun.Start($"\"{FixturePaths.Of("exit_leaving_grandchild.sh")}\"");
        await using (run)
        {
            var grandchild = await run.GrandchildAsync();
            var (error, _) = await FailsWithAsync<ProcessExitedEarly>(run);
            Assert.Equal(3, error.ExitCode);
            Assert.True(await ProcessLiveness.BecomesDeadAsync(grandchild, DeathLimit), $"grandchild {grandchild} survived");
        }
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task CrashAfterTwoQueriesIsCrashedWithTheLastGoodStep()
    {
        var (error, _) = await FailsWithAsync<ProcessCrashed>(FixtureRun.Start(FixturePaths.Python("crash_mid_run.py")));
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("simulated crash in fixture crash_mid_run", error.Message);
        Assert.Contains("Last good step: 1 of 3 (run fixture-run; 2 of 6 gradients served; last answered: worker 1 at step 1)", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task DeathBySignalMidRunIsCrashedNamingTheSignal()
    {
        // Through the shell option: hello, read the run, ask for one gradient, then the process kills itself with SIGKILL.
        const string script = "read -r hello; echo '{\"type\":\"hello\",\"protocol_version\":\"1\",\"implementation\":\"sh\"}'; read -r run; " +
            "echo '{\"type\":\"query\",\"step\":1,\"worker\":0,\"x\":[1.0,2.0]}'; read -r gradient; kill -KILL $$";
        var (error, _) = await FailsWithAsync<ProcessCrashed>(FixtureRun.Start(script, useShell: true));
        Assert.Equal(137, error.ExitCode);
        Assert.Contains("killed by signal 9 SIGKILL", error.Message);
        Assert.Contains("1 of 6 gradients served", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task HangMidRunTimesOutAndIsKilled()
    {
        var (error, _) = await FailsWithAsync<MessageTimeout>(FixtureRun.Start(FixturePaths.Python("hang_mid_run.py"), TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(2), error.Timeout);
        Assert.Contains("per-message timeout of 2 s", error.Message);
        Assert.Contains("a query, a sync report or the result of run fixture-run", error.Message);
        Assert.Contains("Last good step: 0 of 3 (run fixture-run; 1 of 6 gradients served; last answered: worker 0 at step 1)", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task HangWithAGrandchildKillsTheWholeTree()
    {
        // Long enough that the grandchild is seen alive before the timeout fires, however slowly a loaded machine starts it.
        var run = FixtureRun.Start($"\"{FixturePaths.Of("hang_with_grandchild.sh")}\"", TimeSpan.FromSeconds(20));
        await using (run)
        {
            // The script starts its grandchild after the handshake, so the session runs while the test watches.
            var failure = FailsWithAsync<MessageTimeout>(run);
            var grandchild = await run.GrandchildAsync();
            Assert.True(ProcessLiveness.IsAlive(grandchild), "the grandchild should live until the timeout");
            await failure;
            Assert.True(await ProcessLiveness.BecomesDeadAsync(grandchild, DeathLimit), $"grandchild {grandchild} survived");
        }
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task TotalTimeoutStopsASlowSession()
    {
        var (error, _) = await FailsWithAsync<TotalTimeout>(FixtureRun.Start(FixturePaths.Python("hang_mid_run.py"), TimeSpan.FromSeconds(30),
            TransportLimits.Default with { TotalTimeout = TimeSpan.FromSeconds(3) }));
        Assert.Contains("total timeout of 3 s", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task PlainTextOnStandardOutputIsMalformed()
    {
        var (error, _) = await FailsWithAsync<MalformedMessage>(FixtureRun.Start(FixturePaths.Python("non_json.py")));
        Assert.Contains("epoch 1: loss=0.25", error.Excerpt);
        Assert.Contains("print diagnostics to standard error", error.Message);
        Assert.Contains("1 of 6 gradients served", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task UnknownMessageTypeIsNamed()
    {
        var (error, _) = await FailsWithAsync<UnknownMessage>(FixtureRun.Start(FixturePaths.Python("unknown_type.py")));
        Assert.Equal("gradient_request", error.Type);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task WrongVectorLengthNamesFieldAndLengths()
    {
        var (error, _) = await FailsWithAsync<WrongVectorLength>(FixtureRun.Start(FixturePaths.Python("wrong_length.py")));
        Assert.Equal(("query.x", 2, 3), (error.Field, error.Expected, error.Actual));
        Assert.Contains("1 of 6 gradients served", error.Message);
    }

    [Theory(Timeout = TestTimeouts.HangBackstop)]
    [InlineData("nan", "NaN")]
    [InlineData("infinity", "-Infinity")]
    [InlineData("overflow", "1e400")]
    [InlineData("string", "\"NaN\"")]
    [InlineData("null", "null")]
    public async Task NonFiniteEntryIsNamedWithFieldIndexAndValue(string mode, string shown)
    {
        var (error, _) = await FailsWithAsync<NonFiniteValue>(FixtureRun.Start(FixturePaths.Python("non_finite.py", mode)));
        Assert.Equal(("query.x", 1), (error.Field, error.Index));
        Assert.Contains(shown, error.Value);
        Assert.Contains("query.x[1]", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task GiantLineIsAFloodWithoutBufferingIt()
    {
        var (error, _) = await FailsWithAsync<OutputFlood>(FixtureRun.Start(FixturePaths.Python("flood_line.py", "8"),
            limits: TransportLimits.Default with { MaxLineBytes = 1 << 20 }));
        Assert.Equal((OutputLimit.LineLength, 1L << 20), (error.Limit, error.LimitBytes));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task EndlessLinesAreAFloodOfTheTotal()
    {
        var (error, _) = await FailsWithAsync<OutputFlood>(FixtureRun.Start(FixturePaths.Python("flood_lines.py"),
            limits: TransportLimits.Default with { MaxLineBytes = 64 << 10, MaxTotalBytes = 2 << 20 }));
        Assert.Equal((OutputLimit.TotalBytes, 2L << 20), (error.Limit, error.LimitBytes));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task QueryInsteadOfHelloIsHandshakeIgnored()
    {
        var (error, _) = await FailsWithAsync<HandshakeIgnored>(FixtureRun.Start(FixturePaths.Python("query_first.py")));
        Assert.Equal("query", error.FirstMessageType);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task OtherProtocolVersionIsHandshakeMismatch()
    {
        var (error, _) = await FailsWithAsync<HandshakeMismatch>(FixtureRun.Start(FixturePaths.Python("version_mismatch.py")));
        Assert.Equal("2", error.Received);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task ErrorMessageFromTheImplementationIsReported()
    {
        var (error, _) = await FailsWithAsync<ImplementationReportedError>(FixtureRun.Start(FixturePaths.Python("reports_error.py")));
        Assert.Contains("CUDA out of memory", error.Message);
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task OutputAfterShutdownIsNamed()
    {
        var run = FixtureRun.Start(FixturePaths.Python("shutdown_misbehaves.py", "talk"));
        await using (run)
        {
            Assert.True((await run.Session.HandshakeAsync(Token)).Succeeded);
            var error = Assert.IsType<UnexpectedMessage>((await run.Session.ShutdownAsync(Token)).Error);
            Assert.Equal(ProtocolViolation.MessageAfterShutdown, error.Violation);
        }
        Assert.True(await ProcessLiveness.BecomesDeadAsync(run.Process.ProcessId, DeathLimit));
    }

    [Fact(Timeout = TestTimeouts.HangBackstop)]
    public async Task IgnoredShutdownEndsInAKill()
    {
        var run = FixtureRun.Start(FixturePaths.Python("shutdown_misbehaves.py", "ignore"));
        await using (run)
        {
            Assert.True((await run.Session.HandshakeAsync(Token)).Succeeded);
            var report = await run.Session.ShutdownAsync(Token);
            Assert.True(report.Succeeded);
            Assert.False(report.Value.ExitedOnItsOwn);
        }
        Assert.True(await ProcessLiveness.BecomesDeadAsync(run.Process.ProcessId, DeathLimit));
    }
}
