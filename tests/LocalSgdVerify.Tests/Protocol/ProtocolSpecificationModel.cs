using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>
/// The protocol's life cycle written independently of <see cref="TransitionTable"/>, as the prose rules of
/// docs/protocol.md: a reference model for the model-based tests. It must agree with the table on every cell.
/// </summary>
internal static class ProtocolSpecificationModel
{
    internal static (SessionState Next, ProtocolViolation? Violation) Next(SessionState state, MessageKind kind)
    {
        // Any fault fails the session, whatever the state.
        if (kind == MessageKind.Fault) return (SessionState.Failed, null);

        if (MessageKinds.DirectionOf(kind) != MessageDirection.ImplementationToHarness)
        {
            // Harness actions: shutdown is always allowed; an error notice whenever the session has started and is not closed.
            if (kind == MessageKind.Shutdown) return (SessionState.Closed, null);
            if (kind == MessageKind.HarnessError && state is not (SessionState.Created or SessionState.Closed)) return (SessionState.Failed, null);
            return (state, kind) switch
            {
                (SessionState.Created, MessageKind.HarnessHello) => (SessionState.AwaitingHello, null),
                (SessionState.Ready, MessageKind.Run) => (SessionState.RunStarted, null),
                (SessionState.Ready, MessageKind.RunBlackbox) => (SessionState.BlackboxRunning, null),
                (SessionState.AnswerPending, MessageKind.Gradient or MessageKind.Gradients) => (SessionState.Running, null),
                (SessionState.Running, MessageKind.AllGradientsServed) => (SessionState.AwaitingResult, null),
                _ => (state, ProtocolViolation.HarnessOutOfTurn),
            };
        }

        // Implementation messages. The harness only reads after it has spoken and when it owes nothing.
        if (state is SessionState.Created or SessionState.AnswerPending) return (state, ProtocolViolation.HarnessOutOfTurn);
        if (state == SessionState.Closed) return (SessionState.Failed, ProtocolViolation.MessageAfterShutdown);
        if (state == SessionState.Failed) return (SessionState.Failed, ProtocolViolation.SessionFailed);
        if (kind == MessageKind.Log) return (state, null);
        if (kind == MessageKind.ImplementationError) return (SessionState.Failed, null);
        if (kind == MessageKind.UnknownType) return (SessionState.Failed, ProtocolViolation.UnknownMessageType);
        if (kind == MessageKind.ImplementationHello)
            return state == SessionState.AwaitingHello ? (SessionState.Ready, null) : (SessionState.Failed, ProtocolViolation.DuplicateHello);
        if (state == SessionState.AwaitingHello) return (SessionState.Failed, ProtocolViolation.HandshakeIgnored);

        var isQuery = kind is MessageKind.Query or MessageKind.QueryBatch;
        return state switch
        {
            SessionState.Ready => (SessionState.Failed, isQuery ? ProtocolViolation.QueryBeforeRun
                : kind == MessageKind.Sync ? ProtocolViolation.SyncOutsideRun : ProtocolViolation.ResultBeforeRun),
            SessionState.RunStarted => isQuery ? (SessionState.AnswerPending, null)
                : (SessionState.Failed, kind == MessageKind.Sync ? ProtocolViolation.SyncBeforeQuery : ProtocolViolation.ResultBeforeQuery),
            SessionState.Running => isQuery ? (SessionState.AnswerPending, null)
                : kind == MessageKind.Sync ? (SessionState.Running, null) : (SessionState.Failed, ProtocolViolation.ResultBeforeRunComplete),
            SessionState.AwaitingResult => isQuery ? (SessionState.Failed, ProtocolViolation.QueryAfterRunComplete)
                : kind == MessageKind.Sync ? (SessionState.AwaitingResult, null) : (SessionState.Ready, null),
            SessionState.BlackboxRunning => isQuery ? (SessionState.Failed, ProtocolViolation.QueryInBlackboxMode)
                : kind == MessageKind.Sync ? (SessionState.BlackboxRunning, null) : (SessionState.Ready, null),
            _ => throw new InvalidOperationException($"The model has no rule for {kind} in {state}."),
        };
    }
}
