namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// The session state as a plain table-driven machine: <see cref="Apply"/> looks up (state, kind) in
/// <see cref="TransitionTable"/> and moves to the cell's next state. It never throws for any input.
/// </summary>
public sealed class ProtocolStateMachine
{
    /// <summary>Starts in <see cref="SessionState.Created"/>.</summary>
    public ProtocolStateMachine() { }

    /// <summary>Current state.</summary>
    public SessionState State { get; private set; } = SessionState.Created;

    /// <summary>Applies one event and returns the table cell used; the state becomes the cell's next state.</summary>
    public Transition Apply(MessageKind kind)
    {
        var transition = TransitionTable.Lookup(State, kind);
        State = transition.Next;
        return transition;
    }
}
