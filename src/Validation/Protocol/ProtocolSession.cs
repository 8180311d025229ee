using LocalSgdVerify.Validation.Process;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// One conversation with an implementation: transport + codec + <see cref="ProtocolStateMachine"/>. The harness
/// drives: <see cref="HandshakeAsync"/>, then any number of <see cref="RunOracleAsync"/> /
/// <see cref="RunBlackboxAsync"/>, then <see cref="ShutdownAsync"/>. Operations return a
/// <see cref="ProtocolOutcome{T}"/>; on failure the error carries the progress (last good step), the
/// implementation is told why (best effort) and terminated, and the session stays <see cref="SessionState.Failed"/>.
/// Calling an operation out of order throws <see cref="InvalidOperationException"/> (a bug in the caller).
/// </summary>
public sealed class ProtocolSession : IAsyncDisposable
{
    private static readonly TimeSpan ErrorNoticeTimeout = TimeSpan.FromSeconds(1);

    private readonly MessageTransport transport;
    private readonly SessionOptions options;
    private readonly ProtocolStateMachine machine = new();
    private SessionState stateAtFailure;
    private OracleQueryTracker? tracker;
    private string? runId;
    private int runSteps;
    private int runWorkers;
    private string? finishedRunId;

    /// <summary>Creates a session over an open transport; nothing is sent until <see cref="HandshakeAsync"/>.</summary>
    public ProtocolSession(MessageTransport transport, SessionOptions? options = null)
    {
        this.transport = transport ?? throw new ArgumentNullException(nameof(transport));
        this.options = options ?? new SessionOptions();
    }

    /// <summary>Starts an implementation process and wraps it in a session; a start failure is returned as <see cref="ProcessStartFailed"/>.</summary>
    public static ProtocolOutcome<ProtocolSession> StartProcess(ProcessOptions processOptions, SessionOptions? sessionOptions = null)
    {
        try
        {
            return ProtocolOutcome<ProtocolSession>.Success(new ProtocolSession(ImplementationProcess.Start(processOptions), sessionOptions));
        }
        catch (ProtocolException exception)
        {
            return ProtocolOutcome<ProtocolSession>.Failure(exception.Error);
        }
    }

    /// <summary>The underlying transport (process id, stderr tail, ...).</summary>
    public MessageTransport Transport => transport;

    /// <summary>Current state.</summary>
    public SessionState State => machine.State;

    /// <summary>The implementation's hello, once the handshake succeeded.</summary>
    public ImplementationHello? Implementation { get; private set; }

    /// <summary>The error that failed the session, if it failed.</summary>
    public ProtocolError? Failure { get; private set; }

    /// <summary>How far the session got (state, run, last complete step, gradients served).</summary>
    public SessionProgress Progress => Snapshot(machine.State);

    /// <summary>Sends <c>hello</c> and waits for the implementation's; checks the protocol version.</summary>
    public async Task<ProtocolOutcome<ImplementationHello>> HandshakeAsync(CancellationToken cancellationToken = default)
    {
        RequireTurn(MessageKind.HarnessHello, "HandshakeAsync must be the first call of a session");
        return await GuardAsync<ImplementationHello>(async () =>
        {
            await SendAsync(new HarnessHello(ProtocolConstants.Version, options.HarnessVersion,
                [ProtocolConstants.OracleMode, ProtocolConstants.BlackboxMode]), MessageKind.HarnessHello, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var message = await ReceiveAsync("the implementation's hello", cancellationToken).ConfigureAwait(false);
                if (message is LogMessage log)
                {
                    options.Log?.Invoke(log.Message);
                    continue;
                }
                var hello = (ImplementationHello)message;
                if (hello.ProtocolVersion != ProtocolConstants.Version)
                    throw new ProtocolException(new HandshakeMismatch(ProtocolConstants.Version, hello.ProtocolVersion));
                Implementation = hello;
                return hello;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one oracle-mode run: sends <paramref name="run"/>, answers every query with <paramref name="answer"/>
    /// (called once per worker and step, also for batch queries), passes sync reports to <paramref name="onSync"/>,
    /// and returns the implementation's result. Queries are checked for range, vector length, finiteness and order.
    /// </summary>
    /// <param name="run">The run; validated first (<see cref="RunDescriptionRules"/>).</param>
    /// <param name="answer">The gradient oracle; must return a finite vector of length d.</param>
    /// <param name="onSync">Optional receiver of <c>sync</c> reports.</param>
    /// <param name="cancellationToken">Cancels the run; the implementation is then terminated and the token's exception propagates.</param>
    public async Task<ProtocolOutcome<RunResult>> RunOracleAsync(RunMessage run, Func<GradientQuery, double[]> answer,
        Action<SyncEvent>? onSync = null, CancellationToken cancellationToken = default)
    {
        RunDescriptionRules.Validate(run);
        ArgumentNullException.ThrowIfNull(answer);
        RequireReady();
        if (!Implementation!.Supports.Contains(ProtocolConstants.OracleMode))
            return ProtocolOutcome<RunResult>.Failure(new ModeNotSupported(ProtocolConstants.OracleMode, Implementation.Supports));
        tracker = new OracleQueryTracker(run, options.EnforceSyncBarrier);
        runId = run.RunId;
        runSteps = run.Steps;
        runWorkers = run.Workers;
        var syncEvents = new List<SyncEvent>();
        return await GuardAsync(async () =>
        {
            await SendAsync(run, MessageKind.Run, cancellationToken).ConfigureAwait(false);
            var awaiting = $"a query, a sync report or the result of run {run.RunId}";
            var previous = finishedRunId;
            while (true)
            {
                // Before the first query, a result with the previous run's id or any sync report belongs to the
                // previous run: it was written after that run's result.
                var message = await ReceiveAsync(awaiting, cancellationToken, candidate =>
                    machine.State == SessionState.RunStarted && previous is not null
                        && (candidate is SyncMessage || candidate is ResultMessage stray && stray.RunId == previous)
                        ? new MessageAfterResult(previous, candidate.Kind, run.RunId) : null).ConfigureAwait(false);
                switch (message)
                {
                    case LogMessage log:
                        options.Log?.Invoke(log.Message);
                        break;
                    case QueryMessage query:
                        tracker.Validate(query);
                        var gradient = Ask(answer, run, query.Step, query.Worker, query.X);
                        await SendAsync(new GradientMessage(query.Step, query.Worker, gradient), MessageKind.Gradient, cancellationToken).ConfigureAwait(false);
                        tracker.Served(query.Worker, query.Step);
                        if (tracker.Complete) Apply(MessageKind.AllGradientsServed);
                        break;
                    case QueryBatchMessage batch:
                        tracker.Validate(batch);
                        var gradients = new double[run.Workers][];
                        for (var worker = 0; worker < run.Workers; worker++)
                            gradients[worker] = Ask(answer, run, batch.Step, worker, batch.X[worker]);
                        await SendAsync(new GradientsMessage(batch.Step, gradients), MessageKind.Gradients, cancellationToken).ConfigureAwait(false);
                        tracker.ServedBatch(batch.Step);
                        if (tracker.Complete) Apply(MessageKind.AllGradientsServed);
                        break;
                    case SyncMessage sync:
                        tracker.Validate(sync);
                        var syncEvent = new SyncEvent(sync.Step, sync.Workers, tracker.GradientsServed, tracker.LastCompleteStep);
                        syncEvents.Add(syncEvent);
                        onSync?.Invoke(syncEvent);
                        break;
                    case ResultMessage result:
                        CheckResult(result, run.RunId, run.Dimension);
                        var served = tracker.GradientsServed;
                        EndRun();
                        return new RunResult(result.RunId, result.X, result.Rounds, served, syncEvents);
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Runs one blackbox-mode run: the implementation uses its own noise and reports only its output iterate.</summary>
    public async Task<ProtocolOutcome<RunResult>> RunBlackboxAsync(BlackboxRunMessage run, Action<SyncEvent>? onSync = null,
        CancellationToken cancellationToken = default)
    {
        RunDescriptionRules.Validate(run);
        RequireReady();
        if (!Implementation!.Supports.Contains(ProtocolConstants.BlackboxMode))
            return ProtocolOutcome<RunResult>.Failure(new ModeNotSupported(ProtocolConstants.BlackboxMode, Implementation.Supports));
        tracker = null;
        runId = run.RunId;
        runSteps = run.Steps;
        runWorkers = 0;
        var syncEvents = new List<SyncEvent>();
        return await GuardAsync(async () =>
        {
            await SendAsync(run, MessageKind.RunBlackbox, cancellationToken).ConfigureAwait(false);
            var previous = finishedRunId;
            while (true)
            {
                // A result with the previous run's id is that run's second result, not this run's.
                var message = await ReceiveAsync($"the result of blackbox run {run.RunId}", cancellationToken, candidate =>
                    previous is not null && candidate is ResultMessage stray && stray.RunId == previous && previous != run.RunId
                        ? new MessageAfterResult(previous, candidate.Kind, run.RunId) : null).ConfigureAwait(false);
                switch (message)
                {
                    case LogMessage log:
                        options.Log?.Invoke(log.Message);
                        break;
                    case SyncMessage sync:
                        if (sync.Step < 1 || sync.Step > run.Steps)
                            throw new ProtocolException(new InvalidField("sync.step", sync.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                $"a step in 1..{run.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
                        var syncEvent = new SyncEvent(sync.Step, sync.Workers, 0, 0);
                        syncEvents.Add(syncEvent);
                        onSync?.Invoke(syncEvent);
                        break;
                    case ResultMessage result:
                        CheckResult(result, run.RunId, run.Dimension);
                        EndRun();
                        return new RunResult(result.RunId, result.X, result.Rounds, 0, syncEvents);
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <c>shutdown</c> and waits (up to <see cref="SessionOptions.ShutdownTimeout"/>) for the implementation to
    /// exit without writing anything more; kills it otherwise. Output after shutdown fails with
    /// <see cref="UnexpectedMessage"/> (<c>message_after_shutdown</c>). On a failed session it just terminates.
    /// </summary>
    public async Task<ProtocolOutcome<ShutdownReport>> ShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (machine.State == SessionState.Failed)
        {
            Apply(MessageKind.Shutdown);
            transport.Terminate();
            var killed = await transport.WaitForExitAsync(ErrorNoticeTimeout).ConfigureAwait(false);
            return ProtocolOutcome<ShutdownReport>.Success(new ShutdownReport(killed.ExitCode, ExitedOnItsOwn: false));
        }
        RequireTurn(MessageKind.Shutdown, "ShutdownAsync was called while the harness owed the implementation an answer");
        try
        {
            await transport.SendAsync(new ShutdownMessage(), options.MessageTimeout, cancellationToken).ConfigureAwait(false);
            Apply(MessageKind.Shutdown);
            var message = await transport.ReceiveAsync(options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
            return await FailAsync<ShutdownReport>(ViolationError(Apply(message.Kind), SessionState.Closed, message)).ConfigureAwait(false);
        }
        catch (ProtocolException exception) when (exception.Error is ProcessExitedEarly ended)
        {
            // The expected ending: the output closed after shutdown.
            if (machine.State != SessionState.Closed) Apply(MessageKind.Shutdown);
            return ProtocolOutcome<ShutdownReport>.Success(new ShutdownReport(ended.ExitCode, ExitedOnItsOwn: ended.ExitCode is not null));
        }
        catch (ProtocolException exception) when (exception.Error is MessageTimeout)
        {
            if (machine.State != SessionState.Closed) Apply(MessageKind.Shutdown);
            transport.Terminate();
            var exit = await transport.WaitForExitAsync(ErrorNoticeTimeout).ConfigureAwait(false);
            return ProtocolOutcome<ShutdownReport>.Success(new ShutdownReport(exit.ExitCode, ExitedOnItsOwn: false));
        }
        catch (ProtocolException exception)
        {
            // Anything else the implementation wrote after shutdown (even a malformed line) is output after shutdown.
            if (machine.State != SessionState.Closed) Apply(MessageKind.Shutdown);
            var failure = exception.Error is MalformedMessage or NonFiniteValue or InvalidField
                ? new UnexpectedMessage(SessionState.Closed, MessageKind.UnknownType, ProtocolViolation.MessageAfterShutdown)
                : exception.Error;
            return await FailAsync<ShutdownReport>(failure).ConfigureAwait(false);
        }
    }

    /// <summary>Terminates the implementation (kills its process tree) and releases the transport. Call <see cref="ShutdownAsync"/> first for a graceful end.</summary>
    public ValueTask DisposeAsync() => transport.DisposeAsync();

    private async Task<ProtocolOutcome<T>> GuardAsync<T>(Func<Task<T>> body)
    {
        try
        {
            return ProtocolOutcome<T>.Success(await body().ConfigureAwait(false));
        }
        catch (ProtocolException exception)
        {
            return await FailAsync<T>(exception.Error).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancellation or a bug in the caller's oracle: the implementation must not outlive the session.
            if (machine.State != SessionState.Failed) Apply(MessageKind.Fault);
            transport.Terminate();
            throw;
        }
    }

    private async Task<ProtocolOutcome<T>> FailAsync<T>(ProtocolError error)
    {
        if (machine.State != SessionState.Failed) Apply(MessageKind.Fault);
        var withProgress = error with { Progress = Snapshot(stateAtFailure) };
        Failure = withProgress;
        try
        {
            // Best effort: an implementation that is still listening learns why the harness stopped.
            await transport.SendAsync(new HarnessErrorMessage(withProgress.Code, withProgress.Message), ErrorNoticeTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ProtocolException or ObjectDisposedException or IOException)
        {
            // The implementation is already gone.
        }
        transport.Terminate();
        return ProtocolOutcome<T>.Failure(withProgress);
    }

    private async Task SendAsync(HarnessMessage message, MessageKind kind, CancellationToken cancellationToken)
    {
        Apply(kind);
        try
        {
            await transport.SendAsync(message, options.MessageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            throw new ProtocolException(Contextualize(exception.Error, "room to write the next message"), exception);
        }
    }

    private async Task<ImplementationMessage> ReceiveAsync(string awaiting, CancellationToken cancellationToken,
        Func<ImplementationMessage, ProtocolError?>? screen = null)
    {
        ImplementationMessage message;
        try
        {
            message = await transport.ReceiveAsync(options.MessageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            throw new ProtocolException(Contextualize(exception.Error, awaiting), exception);
        }
        if (screen?.Invoke(message) is { } stray) throw new ProtocolException(stray);
        var before = machine.State;
        var transition = Apply(message.Kind);
        if (!transition.IsValid) throw new ProtocolException(ViolationError(transition, before, message));
        if (message is ImplementationErrorMessage reported) throw new ProtocolException(new ImplementationReportedError(reported.Message));
        return message;
    }

    private ProtocolError Contextualize(ProtocolError error, string awaiting) => error switch
    {
        MessageTimeout timeout => timeout with { Awaiting = awaiting },
        // The transport cannot know the phase: ending the output after the handshake is a crash.
        ProcessExitedEarly ended when machine.State is not (SessionState.Created or SessionState.AwaitingHello) =>
            new ProcessCrashed(ended.ExitCode, ended.StandardErrorTail),
        _ => error,
    };

    private static ProtocolError ViolationError(Transition transition, SessionState state, ImplementationMessage message)
    {
        var violation = transition.Violation ?? throw new InvalidOperationException("A valid transition is not an error.");
        return violation switch
        {
            ProtocolViolation.HarnessOutOfTurn => throw new InvalidOperationException(
                $"The harness read a message in state {state}; {TransitionTable.Explain(violation)}."),
            ProtocolViolation.HandshakeIgnored => new HandshakeIgnored(MessageKinds.WireName(message.Kind)),
            ProtocolViolation.UnknownMessageType when message is UnknownImplementationMessage unknown => new UnknownMessage(unknown.Type, unknown.Excerpt),
            _ => new UnexpectedMessage(state, message.Kind, violation),
        };
    }

    private static double[] Ask(Func<GradientQuery, double[]> answer, RunMessage run, int step, int worker, double[] point)
    {
        var gradient = answer(new GradientQuery(step, worker, point))
            ?? throw new InvalidOperationException($"The gradient oracle returned null for worker {worker} at step {step}.");
        if (gradient.Length != run.Dimension)
            throw new InvalidOperationException($"The gradient oracle returned {gradient.Length} entries for worker {worker} at step {step}; the run has dimension {run.Dimension}.");
        for (var index = 0; index < gradient.Length; index++)
            if (!double.IsFinite(gradient[index]))
                throw new InvalidOperationException($"The gradient oracle returned {gradient[index]} at index {index} for worker {worker} at step {step}; gradients must be finite.");
        return gradient;
    }

    private static void CheckResult(ResultMessage result, string expectedRunId, int dimension)
    {
        if (result.RunId != expectedRunId)
            throw new ProtocolException(new InvalidField("result.run_id", "\"" + result.RunId + "\"", "\"" + expectedRunId + "\", the id of the run in progress"));
        if (result.X.Length != dimension)
            throw new ProtocolException(new WrongVectorLength("result.x", dimension, result.X.Length));
        if (result.Rounds is < 0)
            throw new ProtocolException(new InvalidField("result.rounds", result.Rounds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "a non-negative integer"));
    }

    private void EndRun()
    {
        finishedRunId = runId;
        runId = null;
        tracker = null;
        runSteps = 0;
        runWorkers = 0;
    }

    private Transition Apply(MessageKind kind)
    {
        var previous = machine.State;
        var transition = machine.Apply(kind);
        // Remember where the session was when it failed: the progress in the error message reports that state.
        if (transition.Next == SessionState.Failed && previous != SessionState.Failed) stateAtFailure = previous;
        return transition;
    }

    private void RequireTurn(MessageKind kind, string explanation)
    {
        if (!TransitionTable.Lookup(machine.State, kind).IsValid)
            throw new InvalidOperationException($"{explanation} (state {machine.State}).");
    }

    private void RequireReady()
    {
        if (machine.State != SessionState.Ready || Implementation is null)
            throw new InvalidOperationException($"A run can start only after a successful handshake and between runs; the session is in state {machine.State}.");
    }

    private SessionProgress Snapshot(SessionState state) => new(
        state, runId, runSteps, runWorkers, tracker?.LastCompleteStep ?? 0, tracker?.GradientsServed ?? 0,
        tracker?.LastAnsweredStep, tracker?.LastAnsweredWorker, transport.LinesReceived);
}
