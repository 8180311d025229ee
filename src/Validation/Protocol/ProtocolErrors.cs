using System.Globalization;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Base of the error taxonomy: every way a session with an implementation can fail. <see cref="Message"/> names the
/// cause in one or two sentences and, once the session attached it, the progress ("last good step").
/// </summary>
public abstract record ProtocolError
{
    /// <summary>Stable snake_case code (the name of the error), as sent to the implementation in <c>error</c>.</summary>
    public abstract string Code { get; }

    /// <summary>How far the session got when the error occurred; attached by <see cref="ProtocolSession"/>.</summary>
    public SessionProgress? Progress { get; init; }

    /// <summary>The cause, without the progress.</summary>
    public abstract string Cause { get; }

    /// <summary>Cause plus progress: the message shown to the user.</summary>
    public string Message => Progress is null ? Cause : Cause + " " + Progress.Describe();

    /// <summary>"code: message".</summary>
    public sealed override string ToString() => Code + ": " + Message;

    /// <summary>Formats a duration as seconds.</summary>
    protected static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>Appends the last lines of standard error, if any, because they usually hold the implementation's own explanation.</summary>
    protected static string WithStandardError(string text, string standardErrorTail) =>
        string.IsNullOrWhiteSpace(standardErrorTail)
            ? text + " It wrote nothing to standard error."
            : text + " Last lines of its standard error:\n" + standardErrorTail.TrimEnd('\n');

    /// <summary>Describes an exit code; codes above 128 are how a process killed by a signal reports on Unix.</summary>
    protected static string DescribeExitCode(int? exitCode) => exitCode switch
    {
        null => "an unknown exit code",
        > 128 and < 160 => $"exit code {Integer(exitCode.Value)} (killed by signal {Integer(exitCode.Value - 128)}{SignalName(exitCode.Value - 128)})",
        _ => $"exit code {Integer(exitCode.Value)}",
    };

    private static string SignalName(int signal) => signal switch
    {
        2 => " SIGINT", 6 => " SIGABRT", 9 => " SIGKILL", 11 => " SIGSEGV", 13 => " SIGPIPE", 15 => " SIGTERM", _ => "",
    };
}

/// <summary>The command could not be started at all (not found, not executable, bad working directory).</summary>
public sealed record ProcessStartFailed(string Command, string Reason) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "process_start_failed";
    /// <inheritdoc/>
    public override string Cause => $"Could not start the implementation \"{Command}\": {Reason}.";
}

/// <summary>The implementation exited (or closed its standard output) before completing the handshake.</summary>
public sealed record ProcessExitedEarly(int? ExitCode, string StandardErrorTail) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "process_exited_early";
    /// <inheritdoc/>
    public override string Cause => WithStandardError(
        $"The implementation ended its output with {DescribeExitCode(ExitCode)} before completing the handshake.", StandardErrorTail);
}

/// <summary>The implementation exited (or closed its standard output) in the middle of the session.</summary>
public sealed record ProcessCrashed(int? ExitCode, string StandardErrorTail) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "process_crashed";
    /// <inheritdoc/>
    public override string Cause => WithStandardError(
        $"The implementation ended its output with {DescribeExitCode(ExitCode)} in the middle of the session.", StandardErrorTail);
}

/// <summary>No message (or no room to write one) within the per-message timeout.</summary>
/// <param name="Timeout">The per-message timeout.</param>
/// <param name="Awaiting">What the harness was waiting for.</param>
public sealed record MessageTimeout(TimeSpan Timeout, string Awaiting) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "message_timeout";
    /// <inheritdoc/>
    public override string Cause =>
        $"The implementation did not respond within the per-message timeout of {Seconds(Timeout)} while the harness was waiting for {Awaiting}. " +
        "If it is alive, make sure it flushes standard output after every line.";
}

/// <summary>The whole session exceeded its total time budget.</summary>
public sealed record TotalTimeout(TimeSpan Timeout) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "total_timeout";
    /// <inheritdoc/>
    public override string Cause => $"The session exceeded its total timeout of {Seconds(Timeout)}.";
}

/// <summary>A line that is not a JSON object of the protocol (not JSON, not UTF-8, no type, missing or ill-typed field).</summary>
/// <param name="LineNumber">1-based number of the line on the implementation's standard output (0 if unknown).</param>
/// <param name="Excerpt">The start of the line, truncated.</param>
/// <param name="Detail">What exactly is wrong.</param>
public sealed record MalformedMessage(long LineNumber, string Excerpt, string Detail) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "malformed_message";
    /// <inheritdoc/>
    public override string Cause =>
        $"Output line {Integer(LineNumber)} is not a valid protocol message: {Detail}. The line begins: {Excerpt}";
}

/// <summary>A JSON object whose <c>type</c> the protocol does not define.</summary>
public sealed record UnknownMessage(string Type, string Excerpt) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "unknown_message";
    /// <inheritdoc/>
    public override string Cause =>
        $"The implementation sent a message of unknown type \"{Type}\" (protocol version {ProtocolConstants.Version} defines hello, query, query_batch, sync, result, log, error). The line begins: {Excerpt}";
}

/// <summary>A vector field whose length differs from the one the run declared.</summary>
public sealed record WrongVectorLength(string Field, int Expected, int Actual) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "wrong_vector_length";
    /// <inheritdoc/>
    public override string Cause => $"Field {Field} has {Integer(Actual)} entries; the run requires exactly {Integer(Expected)}.";
}

/// <summary>A vector entry that is NaN or ±∞ (bare NaN/Infinity tokens, quoted names, or numbers too large for a double).</summary>
public sealed record NonFiniteValue(string Field, int Index, string Value) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "non_finite_value";
    /// <inheritdoc/>
    public override string Cause => $"Field {Field}[{Integer(Index)}] is {Value}; every vector entry must be a finite number.";
}

/// <summary>Which output limit was exceeded.</summary>
public enum OutputLimit
{
    /// <summary>One line longer than the line limit.</summary>
    LineLength,
    /// <summary>More bytes in total than the total output limit.</summary>
    TotalBytes,
}

/// <summary>The implementation wrote more than the harness accepts, in one line or in total.</summary>
public sealed record OutputFlood(OutputLimit Limit, long LimitBytes) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "output_flood";
    /// <inheritdoc/>
    public override string Cause => Limit == OutputLimit.LineLength
        ? $"The implementation wrote a line longer than the limit of {Integer(LimitBytes)} bytes on standard output (write diagnostics to standard error or as short log messages)."
        : $"The implementation wrote more than the limit of {Integer(LimitBytes)} bytes in total on standard output.";
}

/// <summary>The implementation sent a run message before its hello.</summary>
public sealed record HandshakeIgnored(string FirstMessageType) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "handshake_ignored";
    /// <inheritdoc/>
    public override string Cause =>
        $"The implementation sent \"{FirstMessageType}\" before answering the harness hello; its first message must be {{\"type\":\"hello\",\"protocol_version\":\"{ProtocolConstants.Version}\",...}}.";
}

/// <summary>The implementation's hello names another protocol version.</summary>
public sealed record HandshakeMismatch(string Expected, string Received) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "handshake_mismatch";
    /// <inheritdoc/>
    public override string Cause =>
        $"The implementation speaks protocol version \"{Received}\"; this harness speaks version \"{Expected}\".";
}

/// <summary>The implementation does not offer the mode a run needs.</summary>
public sealed record ModeNotSupported(string Mode, IReadOnlyList<string> Supported) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "mode_not_supported";
    /// <inheritdoc/>
    public override string Cause =>
        $"The run needs mode \"{Mode}\" but the implementation's hello lists only [{string.Join(", ", Supported)}].";
}

/// <summary>A message not allowed in the session's state, with the violated rule from <see cref="TransitionTable"/>.</summary>
public sealed record UnexpectedMessage(SessionState State, MessageKind Kind, ProtocolViolation Violation) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "unexpected_message";
    /// <summary>The violated rule's code, e.g. <c>result_before_query</c>.</summary>
    public string Rule => TransitionTable.CodeOf(Violation);
    /// <inheritdoc/>
    public override string Cause =>
        $"Unexpected \"{MessageKinds.WireName(Kind)}\" in state {State} ({Rule}): {TransitionTable.Explain(Violation)}.";
}

/// <summary>A field with a value outside what the protocol allows (step or worker out of range, wrong run id, ...).</summary>
/// <param name="Field">The field, qualified by the message type, e.g. <c>query.worker</c>.</param>
/// <param name="Value">The value received, as text.</param>
/// <param name="Allowed">What is allowed.</param>
public sealed record InvalidField(string Field, string Value, string Allowed) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "invalid_field";
    /// <inheritdoc/>
    public override string Cause => $"Field {Field} is {Value}; allowed: {Allowed}.";
}

/// <summary>The rule of oracle-mode query order that a query broke.</summary>
public enum QueryOrderRule
{
    /// <summary>The worker asked again for a step whose gradient it already received.</summary>
    Duplicate,
    /// <summary>The worker skipped a step: it asked for step s before step s−1.</summary>
    SkippedStep,
    /// <summary>The worker asked for a step after an averaging step that another worker had not yet reached.</summary>
    SyncBarrier,
}

/// <summary>A query that no correct Local SGD run could make at this point (duplicate, skipped step, or crossing an averaging step too early).</summary>
public sealed record QueryOrderViolation(QueryOrderRule Rule, int Worker, int Step, string Detail) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "query_order_violation";
    /// <inheritdoc/>
    public override string Cause => $"Worker {Integer(Worker)} asked for step {Integer(Step)} out of order: {Detail}.";
}

/// <summary>
/// A message that belongs to a run whose <c>result</c> was already received: a second result with that run's id, or a
/// sync report arriving before the next oracle run asked for anything. It is read at the start of the next run but
/// attributed to <paramref name="RunId"/>, the run that caused it.
/// </summary>
/// <param name="RunId">The run that had already ended.</param>
/// <param name="Kind">What arrived after its result.</param>
/// <param name="NextRunId">The run during which it was read.</param>
public sealed record MessageAfterResult(string RunId, MessageKind Kind, string NextRunId) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "message_after_result";
    /// <inheritdoc/>
    public override string Cause => Kind == MessageKind.Result
        ? $"The implementation sent a second result for run {RunId} (read when run {NextRunId} had started); every run ends with exactly one result."
        : $"The implementation sent \"{MessageKinds.WireName(Kind)}\" for run {RunId} after that run's result (read when run {NextRunId} had started, before its first query); nothing of a run may follow its result.";
}

/// <summary>The implementation sent <c>error</c>.</summary>
public sealed record ImplementationReportedError(string ImplementationMessage) : ProtocolError
{
    /// <inheritdoc/>
    public override string Code => "implementation_error";
    /// <inheritdoc/>
    public override string Cause => $"The implementation reported an error: {ImplementationMessage}";
}

/// <summary>Carries a <see cref="ProtocolError"/> through code that reports failures by exception (transports, codec).</summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Wraps <paramref name="error"/>; the exception message is the error's message.</summary>
    public ProtocolException(ProtocolError error) : base(error.ToString()) => Error = error;

    /// <summary>Wraps <paramref name="error"/> and the underlying cause.</summary>
    public ProtocolException(ProtocolError error, Exception inner) : base(error.ToString(), inner) => Error = error;

    /// <summary>The taxonomy error.</summary>
    public ProtocolError Error { get; }
}
