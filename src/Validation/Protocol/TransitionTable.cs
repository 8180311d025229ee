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
/// The session's transition table: every (state, message kind) pair maps to a next state or a named violation. The
/// accepted pairs and their next states are the Stateless configuration of <see cref="ProtocolLifeCycle"/>; every
/// other pair is named by <see cref="ViolationOf"/>. <see cref="RenderMarkdown"/> prints the table for the docs.
/// </summary>
public static class TransitionTable
{
    // Declared before Cells: static initializers run in text order and Build() reads this.
    private static readonly MessageKind[] ImplementationKinds =
        Enum.GetValues<MessageKind>().Where(kind => MessageKinds.DirectionOf(kind) == MessageDirection.ImplementationToHarness).ToArray();

    // Implementation messages a live state refuses for a reason of its own (the rest of the refusals follow from the
    // state alone, see ViolationOf).
    private static readonly FrozenDictionary<(SessionState State, MessageKind Kind), ProtocolViolation> NamedRefusals = new Dictionary<(SessionState, MessageKind), ProtocolViolation>
    {
        // Handshake: nothing but hello (and logs and errors) before the implementation has answered.
        [(SessionState.AwaitingHello, MessageKind.Query)] = ProtocolViolation.HandshakeIgnored,
        [(SessionState.AwaitingHello, MessageKind.QueryBatch)] = ProtocolViolation.HandshakeIgnored,
        [(SessionState.AwaitingHello, MessageKind.Sync)] = ProtocolViolation.HandshakeIgnored,
        [(SessionState.AwaitingHello, MessageKind.Result)] = ProtocolViolation.HandshakeIgnored,
        // Between runs.
        [(SessionState.Ready, MessageKind.Query)] = ProtocolViolation.QueryBeforeRun,
        [(SessionState.Ready, MessageKind.QueryBatch)] = ProtocolViolation.QueryBeforeRun,
        [(SessionState.Ready, MessageKind.Sync)] = ProtocolViolation.SyncOutsideRun,
        [(SessionState.Ready, MessageKind.Result)] = ProtocolViolation.ResultBeforeRun,
        // Oracle run.
        [(SessionState.RunStarted, MessageKind.Sync)] = ProtocolViolation.SyncBeforeQuery,
        [(SessionState.RunStarted, MessageKind.Result)] = ProtocolViolation.ResultBeforeQuery,
        [(SessionState.Running, MessageKind.Result)] = ProtocolViolation.ResultBeforeRunComplete,
        [(SessionState.AwaitingResult, MessageKind.Query)] = ProtocolViolation.QueryAfterRunComplete,
        [(SessionState.AwaitingResult, MessageKind.QueryBatch)] = ProtocolViolation.QueryAfterRunComplete,
        // Blackbox run.
        [(SessionState.BlackboxRunning, MessageKind.Query)] = ProtocolViolation.QueryInBlackboxMode,
        [(SessionState.BlackboxRunning, MessageKind.QueryBatch)] = ProtocolViolation.QueryInBlackboxMode,
    }.ToFrozenDictionary();

    /// <summary>Every cell, keyed by (state, kind); total over <see cref="SessionState"/> × <see cref="MessageKind"/>.</summary>
    public static FrozenDictionary<(SessionState State, MessageKind Kind), Transition> Cells { get; } = Build();

    /// <summary>Looks up the cell for <paramref name="state"/> and <paramref name="kind"/>.</summary>
    public static Transition Lookup(SessionState state, MessageKind kind) => Cells[(state, kind)];

    /// <summary>
    /// The violation of an event the life cycle does not accept in <paramref name="state"/>: a harness event out of
    /// order is the caller's bug; the harness reads nothing before it has spoken or while it owes an answer; after
    /// shutdown or a failure every message is out of place; in a live state an unknown type or a second hello is
    /// named as such, and the other refusals by <see cref="NamedRefusals"/>.
    /// </summary>
    public static ProtocolViolation ViolationOf(SessionState state, MessageKind kind)
    {
        if (MessageKinds.DirectionOf(kind) != MessageDirection.ImplementationToHarness) return ProtocolViolation.HarnessOutOfTurn;
        if (NamedRefusals.TryGetValue((state, kind), out var named)) return named;
        return state switch
        {
            SessionState.Created or SessionState.AnswerPending => ProtocolViolation.HarnessOutOfTurn,
            SessionState.Closed => ProtocolViolation.MessageAfterShutdown,
            SessionState.Failed => ProtocolViolation.SessionFailed,
            _ => kind switch
            {
                MessageKind.UnknownType => ProtocolViolation.UnknownMessageType,
                MessageKind.ImplementationHello => ProtocolViolation.DuplicateHello,
                // Build() asks for every refused pair when the type is first used, so a missing rule cannot wait for a session.
                _ => throw new InvalidOperationException($"the protocol names no violation for {kind} in state {state}"),
            },
        };
    }

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

    // Each pair is fired on one Stateless machine set to the pair's state: an accepted event gives the state it
    // leads to, a refused one its violation (a session fails on it, except for the caller's own harness_out_of_turn).
    private static FrozenDictionary<(SessionState, MessageKind), Transition> Build()
    {
        var current = SessionState.Created;
        var machine = ProtocolLifeCycle.Create(() => current, next => current = next);
        var cells = new Dictionary<(SessionState, MessageKind), Transition>();
        foreach (var state in Enum.GetValues<SessionState>())
        {
            foreach (var kind in Enum.GetValues<MessageKind>())
            {
                current = state;
                if (machine.CanFire(kind))
                {
                    machine.Fire(kind);
                    cells[(state, kind)] = new(current, null);
                }
                else
                {
                    var violation = ViolationOf(state, kind);
                    cells[(state, kind)] = new(violation == ProtocolViolation.HarnessOutOfTurn ? state : SessionState.Failed, violation);
                }
            }
        }
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
