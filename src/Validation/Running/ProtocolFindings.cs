using System.Globalization;
using LocalSgdVerify.Validation.Diagnosing;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Running;

/// <summary>
/// Sorts the errors that end a run into three kinds. The user's setup: the command cannot be started, or the
/// implementation does not offer the mode asked for (exit code 2). Faults that mean the implementation cannot be
/// driven at all: it crashed, hung, wrote something that is not the protocol, or failed the handshake (the validation
/// stops there; exit code 1). And protocol violations inside one run (a second result, a message after the result, a
/// sync after the last step, a field out of range, an error message): findings about that run with a diagnosis,
/// after which a fresh session serves the next scenario.
/// </summary>
public static class ProtocolFindings
{
    /// <summary>True for the user's own setup problems: a command that cannot be started, a mode the implementation does not offer.</summary>
    public static bool IsUserSetup(ProtocolError error) => error is ProcessStartFailed or ModeNotSupported;

    /// <summary>True when the implementation cannot be driven any further: the remaining scenarios are not run.</summary>
    public static bool EndsValidation(ProtocolError error) =>
        error is ProcessStartFailed or ProcessExitedEarly or ProcessCrashed or MessageTimeout or TotalTimeout or MalformedMessage or UnknownMessage
            or OutputFlood or HandshakeIgnored or HandshakeMismatch
        || error is UnexpectedMessage { State: SessionState.Created or SessionState.AwaitingHello };

    /// <summary>The diagnosis of a protocol violation inside a run of T = <paramref name="steps"/> steps; null for the two other kinds.</summary>
    public static Diagnosis? Diagnose(ProtocolError error, int steps)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsUserSetup(error) || EndsValidation(error)) return null;
        return error switch
        {
            MessageAfterResult { Kind: MessageKind.Result } stray => new Diagnosis(BugClasses.ResultSentTwice,
                $"sent the result of run {stray.RunId} twice: every run ends with exactly one result (the second was read when run {stray.NextRunId} had started)", []),
            MessageAfterResult stray => new Diagnosis(BugClasses.MessageAfterResult,
                $"sent \"{MessageKinds.WireName(stray.Kind)}\" for run {stray.RunId} after that run's result (read when run {stray.NextRunId} had started): nothing of a run may follow its result", []),
            UnexpectedMessage { Violation: ProtocolViolation.MessageAfterShutdown, Kind: MessageKind.Result } =>
                new Diagnosis(BugClasses.ResultSentTwice, "sent another result after the last run's result (read after the harness sent shutdown): every run ends with exactly one result", []),
            UnexpectedMessage { Violation: ProtocolViolation.MessageAfterShutdown } shutdown =>
                new Diagnosis(BugClasses.MessageAfterResult,
                    $"wrote \"{MessageKinds.WireName(shutdown.Kind)}\" after the last run's result (read after the harness sent shutdown): nothing may follow the result, and nothing may be written after shutdown", []),
            InvalidField { Field: "sync.step" } field when int.TryParse(field.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int step) && step > steps =>
                new Diagnosis(BugClasses.SyncAfterLastStep,
                    $"reported averaging after step {field.Value}, but the run has {steps.ToString(CultureInfo.InvariantCulture)} steps: a sync after the last step (a counter that runs one step past T, or an averaging on exit counted as a step)", []),
            ImplementationReportedError reported => new Diagnosis(BugClasses.ImplementationError,
                $"gave up on this run with an error message: {FirstLine(reported.ImplementationMessage)}", []),
            _ => new Diagnosis(BugClasses.ProtocolViolation, $"broke the protocol in this run ({error.Code}): {FirstLine(error.Cause)}", []),
        };
    }

    /// <summary>The first line of a message: the cause without a quoted standard-error tail.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end].TrimEnd();
    }
}
