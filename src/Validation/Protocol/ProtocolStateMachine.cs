using Stateless;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// The session state of one conversation: events the life cycle accepts are fired on its Stateless machine
/// (<see cref="ProtocolLifeCycle"/>); any other event is the named violation of <see cref="TransitionTable.ViolationOf"/>,
/// which fails the session (or, for <see cref="ProtocolViolation.HarnessOutOfTurn"/>, leaves it unchanged). It never
/// throws for any input.
/// </summary>
public sealed class ProtocolStateMachine
{
    private readonly StateMachine<SessionState, MessageKind> machine;

    /// <summary>Starts in <see cref="SessionState.Created"/>.</summary>
    public ProtocolStateMachine() => machine = ProtocolLifeCycle.Create(() => State, next => State = next);

    /// <summary>Current state.</summary>
    public SessionState State { get; private set; } = SessionState.Created;

    /// <summary>Applies one event and returns its transition; the state becomes the transition's next state.</summary>
    public Transition Apply(MessageKind kind)
    {
        if (machine.CanFire(kind))
        {
            machine.Fire(kind);
            return new Transition(State, null);
        }
        var violation = TransitionTable.ViolationOf(State, kind);
        var transition = new Transition(violation == ProtocolViolation.HarnessOutOfTurn ? State : SessionState.Failed, violation);
        State = transition.Next;
        return transition;
    }
}
