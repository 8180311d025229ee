using Stateless;
using Stateless.Graph;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// The protocol's life cycle as a Stateless state machine (docs/protocol.md §5): every message or event a state
/// accepts, and the state it leads to. What a state does not accept is a named violation
/// (<see cref="TransitionTable.ViolationOf"/>); <see cref="TransitionTable"/> tabulates both for every pair.
/// </summary>
public static class ProtocolLifeCycle
{
    private static readonly SessionState[] LiveStates =
    [
        SessionState.AwaitingHello, SessionState.Ready, SessionState.RunStarted, SessionState.Running,
        SessionState.AwaitingResult, SessionState.BlackboxRunning,
    ];

    /// <summary>
    /// A machine configured with the life cycle, whose state lives outside it (<paramref name="read"/>,
    /// <paramref name="write"/>), so that one configuration serves a session or any state a table cell starts from.
    /// </summary>
    public static StateMachine<SessionState, MessageKind> Create(Func<SessionState> read, Action<SessionState> write)
    {
        var machine = new StateMachine<SessionState, MessageKind>(read, write);
        Configure(machine);
        return machine;
    }

    /// <summary>The life cycle as a Mermaid state diagram (Stateless's export), as docs/protocol.md §5 shows it.</summary>
    public static string MermaidDiagram()
    {
        var state = SessionState.Created;
        return MermaidGraph.Format(Create(() => state, next => state = next).GetInfo());
    }

    private static void Configure(StateMachine<SessionState, MessageKind> machine)
    {
        // Stateless refuses Permit to the same state; a message that keeps the state is a re-entry.
        void Allow(SessionState state, MessageKind kind, SessionState next)
        {
            if (next == state) machine.Configure(state).PermitReentry(kind);
            else machine.Configure(state).Permit(kind, next);
        }

        // A fault (timeout, crash, malformed line) fails the session, whatever its state.
        foreach (var state in Enum.GetValues<SessionState>()) Allow(state, MessageKind.Fault, SessionState.Failed);

        // Rules shared by every live state: logs are always welcome, an error ends the session, the harness may
        // shut down or report an error at any time.
        foreach (var state in LiveStates)
        {
            Allow(state, MessageKind.Log, state);
            Allow(state, MessageKind.ImplementationError, SessionState.Failed);
            Allow(state, MessageKind.Shutdown, SessionState.Closed);
            Allow(state, MessageKind.HarnessError, SessionState.Failed);
        }

        // Handshake.
        Allow(SessionState.Created, MessageKind.HarnessHello, SessionState.AwaitingHello);
        Allow(SessionState.Created, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.AwaitingHello, MessageKind.ImplementationHello, SessionState.Ready);

        // Between runs.
        Allow(SessionState.Ready, MessageKind.Run, SessionState.RunStarted);
        Allow(SessionState.Ready, MessageKind.RunBlackbox, SessionState.BlackboxRunning);

        // Oracle run: query → answer → query ... → all served → result.
        Allow(SessionState.RunStarted, MessageKind.Query, SessionState.AnswerPending);
        Allow(SessionState.RunStarted, MessageKind.QueryBatch, SessionState.AnswerPending);
        Allow(SessionState.AnswerPending, MessageKind.Gradient, SessionState.Running);
        Allow(SessionState.AnswerPending, MessageKind.Gradients, SessionState.Running);
        Allow(SessionState.AnswerPending, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.AnswerPending, MessageKind.HarnessError, SessionState.Failed);
        Allow(SessionState.Running, MessageKind.Query, SessionState.AnswerPending);
        Allow(SessionState.Running, MessageKind.QueryBatch, SessionState.AnswerPending);
        Allow(SessionState.Running, MessageKind.Sync, SessionState.Running);
        Allow(SessionState.Running, MessageKind.AllGradientsServed, SessionState.AwaitingResult);
        Allow(SessionState.AwaitingResult, MessageKind.Sync, SessionState.AwaitingResult);
        Allow(SessionState.AwaitingResult, MessageKind.Result, SessionState.Ready);

        // Blackbox run: the implementation works alone and reports the result.
        Allow(SessionState.BlackboxRunning, MessageKind.Sync, SessionState.BlackboxRunning);
        Allow(SessionState.BlackboxRunning, MessageKind.Result, SessionState.Ready);

        // Ending: shutdown is idempotent; after a failure the harness may still say why and shut down.
        Allow(SessionState.Closed, MessageKind.Shutdown, SessionState.Closed);
        Allow(SessionState.Failed, MessageKind.HarnessError, SessionState.Failed);
        Allow(SessionState.Failed, MessageKind.Shutdown, SessionState.Closed);
    }
}
