namespace LocalSgdVerify.Validation.Protocol;

/// <summary>A message an implementation writes to its standard output (one JSON object per line).</summary>
public abstract record ImplementationMessage
{
    /// <summary>The state-machine event this message raises when received.</summary>
    public abstract MessageKind Kind { get; }
}

/// <summary><c>hello</c>: the implementation's answer to the harness hello.</summary>
/// <param name="ProtocolVersion">Must equal <see cref="ProtocolConstants.Version"/>.</param>
/// <param name="Implementation">Name of the implementation, for reports.</param>
/// <param name="Version">Version of the implementation (may be empty).</param>
/// <param name="Supports">Modes it supports: <c>oracle</c>, <c>blackbox</c>.</param>
/// <param name="BatchGradients">Informative: whether it may use <c>query_batch</c>; both query forms are always accepted.</param>
public sealed record ImplementationHello(
    string ProtocolVersion, string Implementation, string Version, IReadOnlyList<string> Supports, bool BatchGradients)
    : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.ImplementationHello;
}

/// <summary><c>query</c>: worker <paramref name="Worker"/> (0-based) needs its stochastic gradient for step <paramref name="Step"/> (1-based) at point <paramref name="X"/> = x_i^{s−1}.</summary>
public sealed record QueryMessage(int Step, int Worker, double[] X) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Query;
}

/// <summary><c>query_batch</c>: every worker needs its gradient for step <paramref name="Step"/>; row i of <paramref name="X"/> is worker i's point.</summary>
public sealed record QueryBatchMessage(int Step, double[][] X) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.QueryBatch;
}

/// <summary><c>sync</c>: optional report that the workers (all, or the listed ones) averaged after step <paramref name="Step"/>.</summary>
public sealed record SyncMessage(int Step, int[]? Workers) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Sync;
}

/// <summary><c>result</c>: the output iterate of run <paramref name="RunId"/>; <paramref name="Rounds"/> optionally counts the averaging rounds performed.</summary>
public sealed record ResultMessage(string RunId, double[] X, int? Rounds) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Result;
}

/// <summary><c>log</c>: free text forwarded to the user's log.</summary>
public sealed record LogMessage(string Message) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Log;
}

/// <summary><c>error</c>: the implementation gives up; the session fails with <see cref="ImplementationReportedError"/>.</summary>
public sealed record ImplementationErrorMessage(string Message) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.ImplementationError;
}

/// <summary>A well-formed JSON object whose <c>type</c> the protocol does not define; the state table turns it into <see cref="UnknownMessage"/>.</summary>
/// <param name="Type">The unknown <c>type</c> value.</param>
/// <param name="Excerpt">The start of the line, for the error message.</param>
public sealed record UnknownImplementationMessage(string Type, string Excerpt) : ImplementationMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.UnknownType;
}
