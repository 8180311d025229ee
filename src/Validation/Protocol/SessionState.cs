namespace LocalSgdVerify.Validation.Protocol;

/// <summary>States of a protocol session, from the harness's point of view.</summary>
public enum SessionState
{
    /// <summary>Nothing sent yet.</summary>
    Created,
    /// <summary>The harness sent <c>hello</c> and waits for the implementation's.</summary>
    AwaitingHello,
    /// <summary>Handshake complete; a run (or shutdown) may start.</summary>
    Ready,
    /// <summary>An oracle run was sent and no query has arrived yet.</summary>
    RunStarted,
    /// <summary>A query arrived; the harness owes its gradient(s) before reading anything else.</summary>
    AnswerPending,
    /// <summary>At least one gradient was served and more are due.</summary>
    Running,
    /// <summary>All N·T gradients were served; only sync reports, logs and the result may follow.</summary>
    AwaitingResult,
    /// <summary>A blackbox run was sent; only logs, sync reports and the result may follow.</summary>
    BlackboxRunning,
    /// <summary>The harness sent <c>shutdown</c>; the implementation must write nothing more.</summary>
    Closed,
    /// <summary>The session failed; nothing but <c>error</c> and <c>shutdown</c> may be sent.</summary>
    Failed,
}

/// <summary>Named reasons why a (state, message kind) pair is not a valid transition.</summary>
public enum ProtocolViolation
{
    /// <summary>The implementation sent a run message before answering the harness hello.</summary>
    HandshakeIgnored,
    /// <summary>A second implementation hello.</summary>
    DuplicateHello,
    /// <summary>A query although no run is in progress.</summary>
    QueryBeforeRun,
    /// <summary>A sync report although no run is in progress.</summary>
    SyncOutsideRun,
    /// <summary>A result although no run is in progress.</summary>
    ResultBeforeRun,
    /// <summary>A sync report in an oracle run before any gradient was asked for.</summary>
    SyncBeforeQuery,
    /// <summary>A result in an oracle run before any gradient was asked for.</summary>
    ResultBeforeQuery,
    /// <summary>A result in an oracle run before all N·T gradients were asked for.</summary>
    ResultBeforeRunComplete,
    /// <summary>A query after all N·T gradients were served.</summary>
    QueryAfterRunComplete,
    /// <summary>A query during a blackbox run, where the implementation draws its own noise.</summary>
    QueryInBlackboxMode,
    /// <summary>A line whose <c>type</c> the protocol does not define.</summary>
    UnknownMessageType,
    /// <summary>Output after the harness sent <c>shutdown</c>.</summary>
    MessageAfterShutdown,
    /// <summary>Any message after the session failed.</summary>
    SessionFailed,
    /// <summary>The harness itself called an operation out of order (a bug in the caller, not in the implementation).</summary>
    HarnessOutOfTurn,
}
