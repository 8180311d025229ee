namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// Every event the session state machine reacts to: the message kinds of both directions, plus two internal
/// events (<see cref="AllGradientsServed"/>, <see cref="Fault"/>) so that the whole life cycle lives in one table.
/// </summary>
public enum MessageKind
{
    /// <summary>Harness → implementation <c>hello</c>: opens the session.</summary>
    HarnessHello,
    /// <summary>Harness → implementation <c>run</c>: starts an oracle-mode run.</summary>
    Run,
    /// <summary>Harness → implementation <c>run_blackbox</c>: starts a blackbox-mode run.</summary>
    RunBlackbox,
    /// <summary>Harness → implementation <c>gradient</c>: answers one <c>query</c>.</summary>
    Gradient,
    /// <summary>Harness → implementation <c>gradients</c>: answers one <c>query_batch</c>.</summary>
    Gradients,
    /// <summary>Harness → implementation <c>error</c>: the harness aborts and says why.</summary>
    HarnessError,
    /// <summary>Harness → implementation <c>shutdown</c>: the implementation should exit with code 0.</summary>
    Shutdown,
    /// <summary>Implementation → harness <c>hello</c>: completes the handshake.</summary>
    ImplementationHello,
    /// <summary>Implementation → harness <c>query</c>: asks for one worker's stochastic gradient at one step.</summary>
    Query,
    /// <summary>Implementation → harness <c>query_batch</c>: asks for every worker's gradient at one step.</summary>
    QueryBatch,
    /// <summary>Implementation → harness <c>sync</c>: reports an averaging event (optional).</summary>
    Sync,
    /// <summary>Implementation → harness <c>result</c>: reports the output iterate and ends the run.</summary>
    Result,
    /// <summary>Implementation → harness <c>log</c>: free text for the user's log.</summary>
    Log,
    /// <summary>Implementation → harness <c>error</c>: the implementation gives up and says why.</summary>
    ImplementationError,
    /// <summary>Implementation → harness line whose <c>type</c> the protocol does not define.</summary>
    UnknownType,
    /// <summary>Internal: the last of the N·T gradients of an oracle run was served.</summary>
    AllGradientsServed,
    /// <summary>Internal: a transport or validation failure (timeout, crash, malformed line, bad vector, ...).</summary>
    Fault,
}

/// <summary>Which way a <see cref="MessageKind"/> travels.</summary>
public enum MessageDirection
{
    /// <summary>Written by the harness to the implementation's stdin.</summary>
    HarnessToImplementation,
    /// <summary>Written by the implementation to its stdout.</summary>
    ImplementationToHarness,
    /// <summary>Raised by the session itself; never on the wire.</summary>
    Internal,
}

/// <summary>Wire names and directions of <see cref="MessageKind"/>.</summary>
public static class MessageKinds
{
    /// <summary>The direction a message kind travels.</summary>
    public static MessageDirection DirectionOf(MessageKind kind) => kind switch
    {
        MessageKind.HarnessHello or MessageKind.Run or MessageKind.RunBlackbox or MessageKind.Gradient
            or MessageKind.Gradients or MessageKind.HarnessError or MessageKind.Shutdown
            => MessageDirection.HarnessToImplementation,
        MessageKind.AllGradientsServed or MessageKind.Fault => MessageDirection.Internal,
        _ => MessageDirection.ImplementationToHarness,
    };

    /// <summary>The <c>"type"</c> value on the wire, or a descriptive name for the internal events.</summary>
    public static string WireName(MessageKind kind) => kind switch
    {
        MessageKind.HarnessHello => "hello",
        MessageKind.Run => "run",
        MessageKind.RunBlackbox => "run_blackbox",
        MessageKind.Gradient => "gradient",
        MessageKind.Gradients => "gradients",
        MessageKind.HarnessError => "error",
        MessageKind.Shutdown => "shutdown",
        MessageKind.ImplementationHello => "hello",
        MessageKind.Query => "query",
        MessageKind.QueryBatch => "query_batch",
        MessageKind.Sync => "sync",
        MessageKind.Result => "result",
        MessageKind.Log => "log",
        MessageKind.ImplementationError => "error",
        MessageKind.UnknownType => "(unknown type)",
        MessageKind.AllGradientsServed => "(all gradients served)",
        MessageKind.Fault => "(fault)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a message kind"),
    };
}
