using System.Collections.Concurrent;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;
using Xunit;
using static LocalSgdVerify.Tests.Protocol.InProcessScripts;

namespace LocalSgdVerify.Tests.Protocol;

public sealed class ProtocolSessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Handshake, one oracle run with <paramref name="script"/> as the implementation's behaviour after reading the run.</summary>
    private static async Task<(ProtocolOutcome<RunResult> Outcome, ProtocolSession Session, InProcessTransport Transport)> RunScriptAsync(
        Func<InProcessImplementationEndpoint, RunMessage, CancellationToken, Task> script, RunMessage? run = null,
        SessionOptions? options = null, TransportLimits? limits = null, Func<GradientQuery, double[]>? oracle = null)
    {
        var transport = InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token);
            var received = await ExpectAsync<RunMessage>(endpoint, token);
            await script(endpoint, received, token);
            // Stay alive like a real process until the harness terminates us.
            await Task.Delay(Timeout.Infinite, token);
        }, limits);
        var session = new ProtocolSession(transport, options ?? FastOptions);
        var hello = await session.HandshakeAsync(Token);
        Assert.True(hello.Succeeded, hello.Error?.Message);
        var outcome = await session.RunOracleAsync(run ?? ExampleRun(), oracle ?? ExampleOracle, cancellationToken: Token);
        return (outcome, session, transport);
    }

    private static async Task<TError> FailsWithAsync<TError>(Func<InProcessImplementationEndpoint, RunMessage, CancellationToken, Task> script,
        RunMessage? run = null, SessionOptions? options = null, TransportLimits? limits = null) where TError : ProtocolError
    {
        var (outcome, session, transport) = await RunScriptAsync(script, run, options, limits);
        await using (session)
        {
            Assert.False(outcome.Succeeded, "the run should have failed");
            Assert.Equal(SessionState.Failed, session.State);
            Assert.Same(outcome.Error, session.Failure);
            Assert.NotNull(outcome.Error.Progress);
            Assert.True(await WaitUntilAsync(() => transport.HasExited), "the implementation was not terminated");
            return Assert.IsType<TError>(outcome.Error);
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        // Up to a minute: on a loaded machine the in-process implementation may take seconds to get its turn.
        for (var attempt = 0; attempt < 6000 && !condition(); attempt++) await Task.Delay(10, Token);
        return condition();
    }

    [Fact]
    public async Task ExampleRunReturnsTheHandComputedAverage()
    {
        // Step 1 at x = 0: worker 0 gets g = 0+0+1 = 1, y = −0.5; worker 1 gets g = 0+1+1 = 2, y = −1.
        // Step 2: worker 0 at −0.5 gets g = 1.5, y = −1.25; worker 1 at −1 gets g = 2, y = −2; average −1.625.
        var queries = new List<GradientQuery>();
        await using var session = new ProtocolSession(InProcessTransport.Start(LocalSgd()), FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        Assert.Equal("in-process local sgd", session.Implementation!.Implementation);
        var outcome = await session.RunOracleAsync(ExampleRun(), query =>
        {
            queries.Add(query);
            return ExampleOracle(query);
        }, cancellationToken: Token);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal([-1.625], outcome.Value.X);
        Assert.Equal(4, outcome.Value.GradientsServed);
        Assert.Equal(1, outcome.Value.Rounds);
        Assert.Equal([(1, 0, 0.0), (1, 1, 0.0), (2, 0, -0.5), (2, 1, -1.0)], queries.Select(query => (query.Step, query.Worker, query.Point[0])));
        Assert.Equal(SessionState.Ready, session.State);
        var shutdown = await session.ShutdownAsync(Token);
        Assert.True(shutdown.Succeeded && shutdown.Value.Clean, shutdown.ToString());
        Assert.Equal(SessionState.Closed, session.State);
    }

    [Fact]
    public async Task BatchQueriesGiveTheSameResultAndCallTheOracleOncePerWorker()
    {
        var calls = 0;
        var syncs = new List<SyncEvent>();
        await using var session = new ProtocolSession(InProcessTransport.Start(LocalSgd(batch: true, reportSync: true)), FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        Assert.True(session.Implementation!.BatchGradients);
        var outcome = await session.RunOracleAsync(ExampleRun(syncSteps: [1, 2]), query =>
        {
            calls++;
            return ExampleOracle(query);
        }, syncs.Add, Token);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        // With averaging after step 1 too: x = −0.75 for both; step 2: −0.75 − 0.5(1.25) = −1.375 and −0.75 − 0.5(2.25) = −1.875; average −1.625.
        Assert.Equal([-1.625], outcome.Value.X);
        Assert.Equal(4, calls);
        Assert.Equal([(1, 2, 1), (2, 4, 2)], syncs.Select(sync => (sync.Step, sync.GradientsServed, sync.LastCompleteStep)));
        Assert.Equal(syncs, outcome.Value.SyncEvents);
    }

    [Fact]
    public async Task SeveralRunsInOneSessionThenBlackbox()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token);
            while (await endpoint.ReceiveAsync(token) is { } message)
            {
                switch (message)
                {
                    case RunMessage run:
                        for (var step = 1; step <= run.Steps; step++)
                            for (var worker = 0; worker < run.Workers; worker++)
                                await QueryAsync(endpoint, step, worker, run.X0, token);
                        await endpoint.SendAsync(new ResultMessage(run.RunId, run.X0, null), token);
                        break;
                    case BlackboxRunMessage blackbox:
                        await endpoint.SendAsync(new LogMessage("seed " + blackbox.Seed), token);
                        await endpoint.SendAsync(new SyncMessage(blackbox.Steps, null), token);
                        await endpoint.SendAsync(new ResultMessage(blackbox.RunId, [blackbox.Seed], 0), token);
                        break;
                    case ShutdownMessage:
                        return;
                }
            }
        }), FastOptions with { Log = _ => { } });
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        for (var index = 0; index < 3; index++)
        {
            var outcome = await session.RunOracleAsync(ExampleRun("run" + index), ExampleOracle, cancellationToken: Token);
            Assert.True(outcome.Succeeded, outcome.Error?.Message);
            Assert.Equal("run" + index, outcome.Value.RunId);
        }
        var blackboxOutcome = await session.RunBlackboxAsync(new BlackboxRunMessage("box", new ProblemDescription("kink", ProtocolJson.Object("{\"sigma\":8}")),
            1, 2, 2, [2.0], [0.5, 0.5], ExampleRun().Schedule, 42, OutputIterateNames.LastAverage), cancellationToken: Token);
        Assert.True(blackboxOutcome.Succeeded, blackboxOutcome.Error?.Message);
        Assert.Equal([42.0], blackboxOutcome.Value.X);
        Assert.Single(blackboxOutcome.Value.SyncEvents);
        Assert.True((await session.ShutdownAsync(Token)).Value!.Clean);
    }

    [Fact]
    public async Task LogMessagesReachTheLog()
    {
        var log = new ConcurrentQueue<string>();
        var (outcome, session, _) = await RunScriptAsync(async (endpoint, run, token) =>
        {
            await endpoint.SendAsync(new LogMessage("warming up"), token);
            for (var step = 1; step <= 2; step++)
                for (var worker = 0; worker < 2; worker++)
                    await QueryAsync(endpoint, step, worker, [0.0], token);
            await endpoint.SendAsync(new ResultMessage(run.RunId, [0.0], null), token);
        }, options: FastOptions with { Log = log.Enqueue });
        await using (session) Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal(["warming up"], log);
    }

    [Fact]
    public async Task QueryBeforeHelloIsHandshakeIgnored()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(async (endpoint, token) =>
        {
            await endpoint.ReceiveAsync(token);
            await endpoint.SendAsync(new QueryMessage(1, 0, [0.0]), token);
            await Task.Delay(Timeout.Infinite, token);
        }), FastOptions);
        var outcome = await session.HandshakeAsync(Token);
        var error = Assert.IsType<HandshakeIgnored>(outcome.Error);
        Assert.Equal("query", error.FirstMessageType);
        Assert.Contains("before answering the harness hello", error.Message);
        Assert.Contains("During the handshake", error.Message);
    }

    [Fact]
    public async Task OtherProtocolVersionIsHandshakeMismatch()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token, Hello() with { ProtocolVersion = "2" });
            await Task.Delay(Timeout.Infinite, token);
        }), FastOptions);
        var error = Assert.IsType<HandshakeMismatch>((await session.HandshakeAsync(Token)).Error);
        Assert.Equal(("1", "2"), (error.Expected, error.Received));
    }

    [Fact]
    public async Task ImplementationWithoutOracleModeIsTurnedAwayBeforeTheRun()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token, Hello(supports: ProtocolConstants.BlackboxMode));
            await Task.Delay(Timeout.Infinite, token);
        }), FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        var error = Assert.IsType<ModeNotSupported>((await session.RunOracleAsync(ExampleRun(), ExampleOracle, cancellationToken: Token)).Error);
        Assert.Equal("oracle", error.Mode);
        Assert.Equal(SessionState.Ready, session.State);
    }

    [Fact]
    public async Task ResultBeforeAnyQueryIsNamed()
    {
        var error = await FailsWithAsync<UnexpectedMessage>((endpoint, run, token) =>
            endpoint.SendAsync(new ResultMessage(run.RunId, [0.0], null), token).AsTask());
        Assert.Equal("result_before_query", error.Rule);
        Assert.Equal(SessionState.RunStarted, error.State);
        Assert.Contains("Last good step: 0 of 2", error.Message);
    }

    [Fact]
    public async Task ResultBeforeTheRunIsCompleteNamesTheLastGoodStep()
    {
        var error = await FailsWithAsync<UnexpectedMessage>(async (endpoint, run, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await QueryAsync(endpoint, 1, 1, [0.0], token);
            await QueryAsync(endpoint, 2, 0, [-0.5], token);
            await endpoint.SendAsync(new ResultMessage(run.RunId, [0.0], null), token);
        });
        Assert.Equal(ProtocolViolation.ResultBeforeRunComplete, error.Violation);
        Assert.Equal(1, error.Progress!.LastCompleteStep);
        Assert.Equal(3, error.Progress.GradientsServed);
        Assert.Contains("Last good step: 1 of 2 (run example; 3 of 4 gradients served; last answered: worker 0 at step 2)", error.Message);
    }

    [Fact]
    public async Task QueryAfterAllGradientsIsNamed()
    {
        var error = await FailsWithAsync<UnexpectedMessage>(async (endpoint, run, token) =>
        {
            for (var step = 1; step <= 2; step++)
                for (var worker = 0; worker < 2; worker++)
                    await QueryAsync(endpoint, step, worker, [0.0], token);
            await endpoint.SendAsync(new QueryMessage(2, 1, [0.0]), token);
        });
        Assert.Equal(ProtocolViolation.QueryAfterRunComplete, error.Violation);
        Assert.Equal(2, error.Progress!.LastCompleteStep);
    }

    [Fact]
    public async Task SecondHelloIsNamed()
    {
        var error = await FailsWithAsync<UnexpectedMessage>((endpoint, _, token) => endpoint.SendAsync(Hello(), token).AsTask());
        Assert.Equal(ProtocolViolation.DuplicateHello, error.Violation);
    }

    [Fact]
    public async Task UnknownTypeIsNamedWithTheType()
    {
        var error = await FailsWithAsync<UnknownMessage>((endpoint, _, token) =>
            endpoint.SendLineAsync("{\"type\":\"gradient_request\",\"step\":1}", token).AsTask());
        Assert.Equal("gradient_request", error.Type);
        Assert.Contains("gradient_request", error.Excerpt);
    }

    [Fact]
    public async Task DuplicateQueryIsAnOrderViolation()
    {
        var error = await FailsWithAsync<QueryOrderViolation>(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await endpoint.SendAsync(new QueryMessage(1, 0, [0.0]), token);
        });
        Assert.Equal((QueryOrderRule.Duplicate, 0, 1), (error.Rule, error.Worker, error.Step));
        Assert.Contains("already served", error.Message);
    }

    [Fact]
    public async Task SkippedStepIsAnOrderViolation()
    {
        var error = await FailsWithAsync<QueryOrderViolation>((endpoint, _, token) =>
            endpoint.SendAsync(new QueryMessage(2, 1, [0.0]), token).AsTask());
        Assert.Equal(QueryOrderRule.SkippedStep, error.Rule);
        Assert.Contains("has not yet asked for step 1", error.Message);
    }

    [Fact]
    public async Task CrossingAnAveragingStepTooEarlyIsABarrierViolation()
    {
        // Averaging after step 1: worker 0 cannot be at step 2 before worker 1 asked for step 1.
        var error = await FailsWithAsync<QueryOrderViolation>(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await endpoint.SendAsync(new QueryMessage(2, 0, [-0.5]), token);
        }, ExampleRun(syncSteps: [1, 2]));
        Assert.Equal((QueryOrderRule.SyncBarrier, 0, 2), (error.Rule, error.Worker, error.Step));
        Assert.Contains("worker 1 has not yet asked for its gradient at step 1", error.Message);
    }

    [Fact]
    public async Task WorkersMayRunAheadWhenNoAveragingIntervenes()
    {
        // One-shot averaging: worker 0 may do both steps before worker 1 starts.
        var (outcome, session, _) = await RunScriptAsync(async (endpoint, run, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await QueryAsync(endpoint, 2, 0, [-0.5], token);
            await QueryAsync(endpoint, 1, 1, [0.0], token);
            await QueryAsync(endpoint, 2, 1, [-1.0], token);
            await endpoint.SendAsync(new ResultMessage(run.RunId, [-1.625], null), token);
        });
        await using (session) Assert.True(outcome.Succeeded, outcome.Error?.Message);
    }

    [Fact]
    public async Task BarrierCheckCanBeSwitchedOff()
    {
        var (outcome, session, _) = await RunScriptAsync(async (endpoint, run, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await QueryAsync(endpoint, 2, 0, [-0.5], token);
            await QueryAsync(endpoint, 1, 1, [0.0], token);
            await QueryAsync(endpoint, 2, 1, [-1.0], token);
            await endpoint.SendAsync(new ResultMessage(run.RunId, [0.0], null), token);
        }, ExampleRun(syncSteps: [1, 2]), FastOptions with { EnforceSyncBarrier = false });
        await using (session) Assert.True(outcome.Succeeded, outcome.Error?.Message);
    }

    [Fact]
    public async Task QueryPointOfWrongLengthNamesFieldAndLengths()
    {
        var error = await FailsWithAsync<WrongVectorLength>((endpoint, _, token) =>
            endpoint.SendAsync(new QueryMessage(1, 0, [0.0, 1.0]), token).AsTask());
        Assert.Equal(("query.x", 1, 2), (error.Field, error.Expected, error.Actual));
        Assert.Contains("Field query.x has 2 entries; the run requires exactly 1.", error.Message);
    }

    [Fact]
    public async Task BatchWithAMissingWorkerRowIsWrongLength()
    {
        var error = await FailsWithAsync<WrongVectorLength>((endpoint, _, token) =>
            endpoint.SendAsync(new QueryBatchMessage(1, [[0.0]]), token).AsTask());
        Assert.StartsWith("query_batch.x", error.Field);
        Assert.Equal((2, 1), (error.Expected, error.Actual));
    }

    [Fact]
    public async Task BatchRowOfWrongLengthNamesTheRow()
    {
        var error = await FailsWithAsync<WrongVectorLength>((endpoint, _, token) =>
            endpoint.SendAsync(new QueryBatchMessage(1, [[0.0], []]), token).AsTask());
        Assert.Equal(("query_batch.x[1]", 1, 0), (error.Field, error.Expected, error.Actual));
    }

    [Fact]
    public async Task ResultOfWrongLengthIsNamed()
    {
        var error = await FailsWithAsync<WrongVectorLength>(async (endpoint, run, token) =>
        {
            for (var step = 1; step <= 2; step++)
                for (var worker = 0; worker < 2; worker++)
                    await QueryAsync(endpoint, step, worker, [0.0], token);
            await endpoint.SendAsync(new ResultMessage(run.RunId, [], null), token);
        });
        Assert.Equal("result.x", error.Field);
        Assert.Contains("Last good step: 2 of 2", error.Message);
    }

    [Theory]
    [InlineData(1, 2, "query.worker", "2")]
    [InlineData(1, -1, "query.worker", "-1")]
    [InlineData(0, 0, "query.step", "0")]
    [InlineData(3, 0, "query.step", "3")]
    public async Task QueryOutOfRangeNamesFieldValueAndRange(int step, int worker, string field, string value)
    {
        var error = await FailsWithAsync<InvalidField>((endpoint, _, token) =>
            endpoint.SendAsync(new QueryMessage(step, worker, [0.0]), token).AsTask());
        Assert.Equal((field, value), (error.Field, error.Value));
        Assert.Contains(field == "query.worker" ? "0..1" : "1..2", error.Allowed);
    }

    [Fact]
    public async Task ResultForAnotherRunIsNamed()
    {
        var error = await FailsWithAsync<InvalidField>(async (endpoint, _, token) =>
        {
            for (var step = 1; step <= 2; step++)
                for (var worker = 0; worker < 2; worker++)
                    await QueryAsync(endpoint, step, worker, [0.0], token);
            await endpoint.SendAsync(new ResultMessage("other", [0.0], null), token);
        });
        Assert.Equal("result.run_id", error.Field);
        Assert.Contains("\"example\"", error.Allowed);
    }

    [Fact]
    public async Task SyncForAStepOutsideTheRunIsNamed()
    {
        var error = await FailsWithAsync<InvalidField>(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await endpoint.SendAsync(new SyncMessage(7, null), token);
        });
        Assert.Equal(("sync.step", "7"), (error.Field, error.Value));
    }

    [Fact]
    public async Task ErrorFromTheImplementationIsReported()
    {
        var error = await FailsWithAsync<ImplementationReportedError>(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await endpoint.SendAsync(new ImplementationErrorMessage("CUDA out of memory"), token);
        });
        Assert.Contains("CUDA out of memory", error.Message);
        Assert.Contains("1 of 4 gradients served", error.Message);
    }

    [Fact]
    public async Task PlainTextLineIsMalformedWithLineNumberAndExcerpt()
    {
        var error = await FailsWithAsync<MalformedMessage>(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            await endpoint.SendLineAsync("epoch 1: loss=0.25", token);
        });
        Assert.Equal(3, error.LineNumber); // hello, query, then the text
        Assert.Contains("epoch 1: loss=0.25", error.Excerpt);
    }

    [Fact]
    public async Task BareNaNInAQueryIsNonFinite()
    {
        var error = await FailsWithAsync<NonFiniteValue>((endpoint, _, token) =>
            endpoint.SendLineAsync("{\"type\": \"query\", \"step\": 1, \"worker\": 0, \"x\": [NaN]}", token).AsTask());
        Assert.Equal(("query.x", 0), (error.Field, error.Index));
        Assert.Contains("NaN", error.Value);
    }

    [Fact]
    public async Task TheHarnessTellsTheImplementationWhyItStopped()
    {
        var notice = new TaskCompletionSource<HarnessMessage?>();
        var error = await FailsWithAsync<QueryOrderViolation>(async (endpoint, _, token) =>
        {
            await endpoint.SendAsync(new QueryMessage(2, 0, [0.0]), token);
            notice.TrySetResult(await endpoint.ReceiveAsync(token));
        });
        var message = Assert.IsType<HarnessErrorMessage>(await notice.Task.WaitAsync(Token));
        Assert.Equal("query_order_violation", message.Code);
        Assert.Equal(error.Message, message.Message);
    }

    [Fact]
    public async Task SilentImplementationTimesOutNamingWhatWasAwaited()
    {
        var error = await FailsWithAsync<MessageTimeout>(
            (endpoint, _, token) => QueryAsync(endpoint, 1, 0, [0.0], token),
            options: FastOptions with { MessageTimeout = TimeSpan.FromSeconds(5) });
        // The implementation goes silent for good after one query, so the timeout fires there; 5 s (not less) so that a
        // slow handshake on a loaded machine cannot fire it earlier, while awaiting something else.
        Assert.Equal(TimeSpan.FromSeconds(5), error.Timeout);
        Assert.Contains("a query, a sync report or the result of run example", error.Awaiting);
        Assert.Contains("1 of 4 gradients served", error.Message);
    }

    [Fact]
    public async Task TotalTimeoutEndsAChattySessionThatNeverFinishes()
    {
        var error = await FailsWithAsync<TotalTimeout>(async (endpoint, _, token) =>
        {
            while (true)
            {
                await endpoint.SendAsync(new LogMessage("still thinking"), token);
                await Task.Delay(20, token);
            }
        }, limits: TransportLimits.Default with { TotalTimeout = TimeSpan.FromMilliseconds(800) });
        Assert.Contains("total timeout of 0.8 s", error.Message);
    }

    [Fact]
    public async Task ImplementationThatEndsBeforeHelloExitedEarly()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start((_, _) => Task.CompletedTask), FastOptions);
        var error = Assert.IsType<ProcessExitedEarly>((await session.HandshakeAsync(Token)).Error);
        Assert.Equal(0, error.ExitCode);
    }

    [Fact]
    public async Task ImplementationThatThrowsMidRunCrashedWithItsMessage()
    {
        var (outcome, session, _) = await RunScriptAsync(async (endpoint, _, token) =>
        {
            await QueryAsync(endpoint, 1, 0, [0.0], token);
            throw new InvalidOperationException("simulated failure in worker 1");
        });
        await using (session)
        {
            var error = Assert.IsType<ProcessCrashed>(outcome.Error);
            Assert.Equal(1, error.ExitCode);
            Assert.Contains("simulated failure in worker 1", error.Message);
            Assert.Contains("Last good step: 0 of 2", error.Message);
        }
    }

    [Fact]
    public async Task OverlongLineIsAFlood()
    {
        var error = await FailsWithAsync<OutputFlood>((endpoint, _, token) =>
            endpoint.SendAsync(new LogMessage(new string('a', 5000)), token).AsTask(),
            limits: TransportLimits.Default with { MaxLineBytes = 1024 });
        Assert.Equal((OutputLimit.LineLength, 1024L), (error.Limit, error.LimitBytes));
    }

    [Fact]
    public async Task EndlessLogIsAFloodOfTheTotal()
    {
        var error = await FailsWithAsync<OutputFlood>(async (endpoint, _, token) =>
        {
            while (true) await endpoint.SendAsync(new LogMessage(new string('b', 100)), token);
        }, limits: TransportLimits.Default with { MaxLineBytes = 1024, MaxTotalBytes = 8192 });
        Assert.Equal(OutputLimit.TotalBytes, error.Limit);
    }

    [Fact]
    public async Task MessageAfterShutdownIsNamed()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token);
            await ExpectAsync<ShutdownMessage>(endpoint, token);
            await endpoint.SendAsync(new LogMessage("bye"), token);
            await Task.Delay(Timeout.Infinite, token);
        }), FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        var error = Assert.IsType<UnexpectedMessage>((await session.ShutdownAsync(Token)).Error);
        Assert.Equal(ProtocolViolation.MessageAfterShutdown, error.Violation);
    }

    [Fact]
    public async Task ImplementationIgnoringShutdownIsKilled()
    {
        var transport = InProcessTransport.Start(async (endpoint, token) =>
        {
            await HandshakeAsync(endpoint, token);
            await ExpectAsync<ShutdownMessage>(endpoint, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var session = new ProtocolSession(transport, FastOptions with { ShutdownTimeout = TimeSpan.FromMilliseconds(300) });
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        var report = await session.ShutdownAsync(Token);
        Assert.True(report.Succeeded);
        Assert.False(report.Value.ExitedOnItsOwn);
        Assert.True(await WaitUntilAsync(() => transport.HasExited));
    }

    [Fact]
    public async Task FailedSessionRefusesFurtherRuns()
    {
        var (outcome, session, _) = await RunScriptAsync((endpoint, _, token) =>
            endpoint.SendAsync(new QueryMessage(2, 0, [0.0]), token).AsTask());
        await using (session)
        {
            Assert.False(outcome.Succeeded);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.RunOracleAsync(ExampleRun(), ExampleOracle, cancellationToken: Token));
            var shutdown = await session.ShutdownAsync(Token);
            Assert.True(shutdown.Succeeded);
            Assert.Equal(SessionState.Closed, session.State);
        }
    }

    [Fact]
    public async Task RunBeforeHandshakeIsACallerError()
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(LocalSgd()), FastOptions);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.RunOracleAsync(ExampleRun(), ExampleOracle, cancellationToken: Token));
    }

    [Fact]
    public async Task BrokenOracleIsACallerErrorAndTheImplementationIsTerminated()
    {
        var transport = InProcessTransport.Start(LocalSgd());
        await using var session = new ProtocolSession(transport, FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            session.RunOracleAsync(ExampleRun(), _ => [1.0, 2.0], cancellationToken: Token));
        Assert.Contains("2 entries", exception.Message);
        Assert.Equal(SessionState.Failed, session.State);
        Assert.True(await WaitUntilAsync(() => transport.HasExited));
    }

    [Theory]
    [InlineData("sync_steps", new[] { 1 }, "ending with T = 2")]
    [InlineData("sync_steps", new[] { 2, 2 }, "strictly increasing")]
    [InlineData("sync_steps", new[] { 0, 2 }, "a step in 1..2")]
    public async Task InvalidRunDescriptionIsRejectedBeforeSending(string field, int[] syncSteps, string allowed)
    {
        await using var session = new ProtocolSession(InProcessTransport.Start(LocalSgd()), FastOptions);
        Assert.True((await session.HandshakeAsync(Token)).Succeeded);
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => session.RunOracleAsync(ExampleRun(syncSteps: syncSteps), ExampleOracle, cancellationToken: Token));
        Assert.Contains(field, exception.Message);
        Assert.Contains(allowed, exception.Message);
        Assert.Equal(SessionState.Ready, session.State);
    }

    [Fact]
    public async Task RunDescriptionWithNonFiniteStartIsRejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => RunDescriptionRules.Validate(ExampleRun() with { X0 = [double.NaN] }));
        Assert.Contains("x0[0] is NaN", exception.Message);
        await Task.CompletedTask;
    }
}
