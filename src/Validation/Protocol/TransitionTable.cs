using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>The outcome of one cell of the transition table: the next state, and the violation if the message was not allowed.</summary>
/// <param name="Next">State after the event (<see cref="SessionState.Failed"/> for violations, unchanged for <see cref="ProtocolViolation.HarnessOutOfTurn"/>).</param>
/// <param name="Violation">Null when the transition is valid.</param>
public readonly record struct Transition(SessionState Next, ProtocolViolation? Violation)
{
    /// <summary>True when the event is allowed in the state.</summary>
    public bool IsValid => Violation is null;
}

/// <summary>
/// The session's transition table as data: every (state, message kind) pair maps to a next state or a named
/// violation. The rows below are the whole protocol life cycle; <see cref="RenderMarkdown"/> prints them for the docs.
/// </summary>
public static class TransitionTable
{
    private static readonly SessionState[] LiveStates =
    [
        SessionState.AwaitingHello, SessionState.Ready, SessionState.RunStarted, SessionState.Running,
        SessionState.AwaitingResult, SessionState.BlackboxRunning,
    ];

    // Declared before Cells: static initializers run in text order and Build() reads this.
    private static readonly MessageKind[] ImplementationKinds =
        Enum.GetValues<MessageKind>().Where(kind => MessageKinds.DirectionOf(kind) == MessageDirection.ImplementationToHarness).ToArray();

    /// <summary>Every cell, keyed by (state, kind); total over <see cref="SessionState"/> × <see cref="MessageKind"/>.</summary>
    public static FrozenDictionary<(SessionState State, MessageKind Kind), Transition> Cells { get; } = Build();

    /// <summary>Looks up the cell for <paramref name="state"/> and <paramref name="kind"/>.</summary>
    public static Transition Lookup(SessionState state, MessageKind kind) => Cells[(state, kind)];

    /// <summary>One-sentence explanation of each violation, used in error messages and the docs.</summary>
    public static string Explain(ProtocolViolation violation) => violation switch
    {
        ProtocolViolation.HandshakeIgnored => "the implementation must answer the harness hello with its own hello before anything else",
        ProtocolViolation.DuplicateHello => "the implementation sent hello a second time",
        ProtocolViolation.QueryBeforeRun => "a gradient query arrived but no run is in progress",
        ProtocolViolation.SyncOutsideRun => "a sync report arrived but no run is in progress",
        ProtocolViolation.ResultBeforeRun => "a result arrived but no run is in progress",
        ProtocolViolation.SyncBeforeQuery => "a sync report arrived before any gradient of the run was asked for",
        ProtocolViolation.ResultBeforeQuery => "a result arrived before any gradient of the oracle run was asked for",
        ProtocolViolation.ResultBeforeRunComplete => "a result arrived before every worker asked for its gradient at every step",
        ProtocolViolation.QueryAfterRunComplete => "a gradient query arrived after all N·T gradients of the run were served",
        ProtocolViolation.QueryInBlackboxMode => "a gradient query arrived during a blackbox run, where the implementation draws its own noise",
        ProtocolViolation.UnknownMessageType => "the line's \"type\" is not a message of protocol version " + ProtocolConstants.Version,
        ProtocolViolation.MessageAfterShutdown => "the implementation wrote a message after the harness sent shutdown",
        ProtocolViolation.SessionFailed => "the session had already failed",
        ProtocolViolation.HarnessOutOfTurn => "the harness called an operation out of order (a bug in the caller)",
        _ => throw new ArgumentOutOfRangeException(nameof(violation), violation, "not a protocol violation"),
    };

    /// <summary>Stable snake_case code of a violation, as written in <c>error</c> messages and the docs.</summary>
    public static string CodeOf(ProtocolViolation violation)
    {
        var name = violation.ToString();
        var builder = new StringBuilder(name.Length + 8);
        for (var index = 0; index < name.Length; index++)
        {
            if (char.IsUpper(name[index]) && index > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[index]));
        }
        return builder.ToString();
    }

    private static FrozenDictionary<(SessionState, MessageKind), Transition> Build()
    {
        var cells = new Dictionary<(SessionState, MessageKind), Transition>();
        void Allow(SessionState state, MessageKind kind, SessionState next) => cells[(state, kind)] = new(next, null);
        void Reject(SessionState state, MessageKind kind, ProtocolViolation violation) =>
            cells[(state, kind)] = new(violation == ProtocolViolation.HarnessOutOfTurn ? state : SessionState.Failed, violation);

        // Defaults first: every harness send out of turn, every implementation message a named violation of its state.
        foreach (var state in Enum.GetValues<SessionState>())
        {
            foreach (var kind in Enum.GetValues<MessageKind>())
            {
                if (MessageKinds.DirectionOf(kind) != MessageDirection.ImplementationToHarness)
                    Reject(state, kind, ProtocolViolation.HarnessOutOfTurn);
            }
            Allow(state, MessageKind.Fault, SessionState.Failed);
        }

        // The harness cannot read before it has spoken, nor while it owes an answer.
        foreach (var state in new[] { SessionState.Created, SessionState.AnswerPending })
            foreach (var kind in ImplementationKinds) Reject(state, kind, ProtocolViolation.HarnessOutOfTurn);
        foreach (var kind in ImplementationKinds)
        {
            Reject(SessionState.Closed, kind, ProtocolViolation.MessageAfterShutdown);
            Reject(SessionState.Failed, kind, ProtocolViolation.SessionFailed);
        }

        // Rules shared by every live state: logs are always welcome, an error ends the session,
        // unknown types and a second hello are named violations.
        foreach (var state in LiveStates)
        {
            Allow(state, MessageKind.Log, state);
            Allow(state, MessageKind.ImplementationError, SessionState.Failed);
            Reject(state, MessageKind.UnknownType, ProtocolViolation.UnknownMessageType);
            Reject(state, MessageKind.ImplementationHello, ProtocolViolation.DuplicateHello);
            Allow(state, MessageKind.Shutdown, SessionState.Closed);
            Allow(state, MessageKind.HarnessError, SessionState.Failed);
        }

        // Handshake.
        Allow(SessionState.Created, MessageKind.HarnessHello, SessionState.AwaitingHello);
        Allow(SessionState.Created, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.AwaitingHello, MessageKind.ImplementationHello, SessionState.Ready);
        foreach (var kind in new[] { MessageKind.Query, MessageKind.QueryBatch, MessageKind.Sync, MessageKind.Result })
            Reject(SessionState.AwaitingHello, kind, ProtocolViolation.HandshakeIgnored);

        // Between runs.
        Allow(SessionState.Ready, MessageKind.Run, SessionState.RunStarted);
        Allow(SessionState.Ready, MessageKind.RunBlackbox, SessionState.BlackboxRunning);
        Reject(SessionState.Ready, MessageKind.Query, ProtocolViolation.QueryBeforeRun);
        Reject(SessionState.Ready, MessageKind.QueryBatch, ProtocolViolation.QueryBeforeRun);
        Reject(SessionState.Ready, MessageKind.Sync, ProtocolViolation.SyncOutsideRun);
        Reject(SessionState.Ready, MessageKind.Result, ProtocolViolation.ResultBeforeRun);

        // Oracle run: query → answer → query ... → all served → result.
        Allow(SessionState.RunStarted, MessageKind.Query, SessionState.AnswerPending);
        Allow(SessionState.RunStarted, MessageKind.QueryBatch, SessionState.AnswerPending);
        Reject(SessionState.RunStarted, MessageKind.Sync, ProtocolViolation.SyncBeforeQuery);
        Reject(SessionState.RunStarted, MessageKind.Result, ProtocolViolation.ResultBeforeQuery);
        Allow(SessionState.AnswerPending, MessageKind.Gradient, SessionState.Running);
        Allow(SessionState.AnswerPending, MessageKind.Gradients, SessionState.Running);
        Allow(SessionState.AnswerPending, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.AnswerPending, MessageKind.HarnessError, SessionState.Failed);
        Allow(SessionState.Running, MessageKind.Query, SessionState.AnswerPending);
        Allow(SessionState.Running, MessageKind.QueryBatch, SessionState.AnswerPending);
        Allow(SessionState.Running, MessageKind.Sync, SessionState.Running);
        Reject(SessionState.Running, MessageKind.Result, ProtocolViolation.ResultBeforeRunComplete);
        Allow(SessionState.Running, MessageKind.AllGradientsServed, SessionState.AwaitingResult);
        Reject(SessionState.AwaitingResult, MessageKind.Query, ProtocolViolation.QueryAfterRunComplete);
        Reject(SessionState.AwaitingResult, MessageKind.QueryBatch, ProtocolViolation.QueryAfterRunComplete);
        Allow(SessionState.AwaitingResult, MessageKind.Sync, SessionState.AwaitingResult);
        Allow(SessionState.AwaitingResult, MessageKind.Result, SessionState.Ready);

        // Blackbox run: the implementation works alone and reports the result.
        Reject(SessionState.BlackboxRunning, MessageKind.Query, ProtocolViolation.QueryInBlackboxMode);
        Reject(SessionState.BlackboxRunning, MessageKind.QueryBatch, ProtocolViolation.QueryInBlackboxMode);
        Allow(SessionState.BlackboxRunning, MessageKind.Sync, SessionState.BlackboxRunning);
        Allow(SessionState.BlackboxRunning, MessageKind.Result, SessionState.Ready);

        // Ending: shutdown is idempotent; after a failure the harness may still say why and shut down.
        Allow(SessionState.Closed, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.Failed, MessageKind.HarnessError, SessionState.Failed);
        Allow(SessionState.Failed, MessageKind.Shutdown, SessionState.Closed);

        return cells.ToFrozenDictionary();
    }

    /// <summary>
    /// Renders the table as Markdown: one matrix for messages the implementation sends, one for messages and
    /// internal events of the harness, and a legend of the violations.
    /// </summary>
    public static string RenderMarkdown()
    {
        var builder = new StringBuilder();
        builder.AppendLine("Messages from the implementation (rows: session state; cells: next state, or ✗ and the violation code):");
        builder.AppendLine();
        AppendMatrix(builder, ImplementationKinds);
        builder.AppendLine();
        builder.AppendLine("Messages sent by the harness and internal events (✗ harness_out_of_turn is a bug in the caller, and leaves the state unchanged):");
        builder.AppendLine();
        AppendMatrix(builder, Enum.GetValues<MessageKind>().Where(kind => MessageKinds.DirectionOf(kind) != MessageDirection.ImplementationToHarness).ToArray());
        builder.AppendLine();
        builder.AppendLine("| violation code | meaning |");
        builder.AppendLine("|---|---|");
        foreach (var violation in Enum.GetValues<ProtocolViolation>())
            builder.Append(CultureInfo.InvariantCulture, $"| `{CodeOf(violation)}` | {Explain(violation)} |").AppendLine();
        return builder.ToString();
    }

    private static void AppendMatrix(StringBuilder builder, MessageKind[] kinds)
    {
        builder.Append("| state |");
        foreach (var kind in kinds) builder.Append(CultureInfo.InvariantCulture, $" {ColumnTitle(kind)} |");
        builder.AppendLine();
        builder.Append("|---|");
        foreach (var _ in kinds) builder.Append("---|");
        builder.AppendLine();
        foreach (var state in Enum.GetValues<SessionState>())
        {
            builder.Append(CultureInfo.InvariantCulture, $"| {state} |");
            foreach (var kind in kinds)
            {
                var cell = Lookup(state, kind);
                var text = cell.Violation is { } violation ? $"✗ `{CodeOf(violation)}`" : $"→ {cell.Next}";
                builder.Append(CultureInfo.InvariantCulture, $" {text} |");
            }
            builder.AppendLine();
        }
    }

    private static string ColumnTitle(MessageKind kind) =>
        MessageKinds.DirectionOf(kind) == MessageDirection.Internal ? kind.ToString() : $"`{MessageKinds.WireName(kind)}`";
}
