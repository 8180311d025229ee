using System.Text.Json;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>A message the harness writes to the implementation's standard input (one JSON object per line).</summary>
public abstract record HarnessMessage
{
    /// <summary>The state-machine event this message raises when sent.</summary>
    public abstract MessageKind Kind { get; }
}

/// <summary><c>hello</c>: the first line of every session; offers the protocol version and the modes the harness can drive.</summary>
/// <param name="ProtocolVersion">Always <see cref="ProtocolConstants.Version"/> for this harness.</param>
/// <param name="HarnessVersion">Version of LocalSgdVerify, for the implementation's log.</param>
/// <param name="Modes">Modes offered: <c>oracle</c> and/or <c>blackbox</c>.</param>
public sealed record HarnessHello(string ProtocolVersion, string HarnessVersion, IReadOnlyList<string> Modes) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.HarnessHello;
}

/// <summary>
/// The communication set I ⊆ {1..T} of a run (spec §1): after step s the workers average iff s ∈ <see cref="SyncSteps"/>.
/// </summary>
/// <param name="Kind">Declared schedule family, e.g. <c>constant_period</c> or <c>increasing_intervals</c>; informative.</param>
/// <param name="Parameters">The family's parameters as a JSON object, e.g. <c>{"period": 4}</c>; informative.</param>
/// <param name="SyncSteps">Explicit 1-based steps after which workers average, strictly increasing, always ending with T. This list is authoritative.</param>
/// <param name="GroupSizes">
/// For hierarchical schedules: the size g of the contiguous groups (workers ⌊i/g⌋·g .. ⌊i/g⌋·g + g − 1) that average
/// after each entry of <see cref="SyncSteps"/>, N for all workers; null (absent on the wire) when every averaging is over
/// all workers. Authoritative like the steps.
/// </param>
public sealed record CommunicationSchedule(string Kind, JsonElement Parameters, int[] SyncSteps, int[]? GroupSizes = null);

/// <summary>A problem family and its parameters, for blackbox mode (spec §2), e.g. <c>separable_quadratic</c> with <c>{"a":[1,2,3],"c":1,"sigma":0.5}</c>.</summary>
/// <param name="Family">Name of the problem family.</param>
/// <param name="Parameters">The family's parameters as a JSON object.</param>
public sealed record ProblemDescription(string Family, JsonElement Parameters);

/// <summary>
/// <c>run</c> (mode <c>oracle</c>): the full description of one Local SGD run. The implementation must ask for the
/// gradient of every worker i ∈ {0..N−1} at every step s ∈ {1..T} at its current point x_i^{s−1}, apply
/// y_i = x_i^{s−1} − η_s g_i (η_s = <see cref="StepSizes"/>[s−1]), average when s ∈ SyncSteps, and report <see cref="Output"/>.
/// </summary>
/// <param name="RunId">Opaque identifier the result must echo.</param>
/// <param name="Dimension">d, the length of every point and gradient vector.</param>
/// <param name="Workers">N, the number of workers (numbered 0..N−1).</param>
/// <param name="Steps">T, the number of steps (numbered 1..T).</param>
/// <param name="X0">Initial point x^0 shared by all workers; length d.</param>
/// <param name="StepSizes">η for each step; length T, entry s−1 is used at step s.</param>
/// <param name="Schedule">The communication set.</param>
/// <param name="Output">Which iterate to return (<see cref="OutputIterateNames"/>).</param>
public sealed record RunMessage(
    string RunId, int Dimension, int Workers, int Steps, double[] X0, double[] StepSizes,
    CommunicationSchedule Schedule, string Output) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Run;
}

/// <summary>
/// <c>run_blackbox</c>: the implementation runs a named problem family with its own noise, seeded by <see cref="Seed"/>,
/// and reports only its output iterate. Fields as in <see cref="RunMessage"/>.
/// </summary>
public sealed record BlackboxRunMessage(
    string RunId, ProblemDescription Problem, int Dimension, int Workers, int Steps, double[] X0, double[] StepSizes,
    CommunicationSchedule Schedule, long Seed, string Output) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.RunBlackbox;
}

/// <summary><c>gradient</c>: the stochastic gradient g_i^s answering the query of worker i at step s.</summary>
public sealed record GradientMessage(int Step, int Worker, double[] G) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Gradient;
}

/// <summary><c>gradients</c>: the gradients of all workers at step s, row i for worker i, answering one <c>query_batch</c>.</summary>
public sealed record GradientsMessage(int Step, double[][] G) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Gradients;
}

/// <summary><c>error</c>: the harness stops the session and tells the implementation why (code from <see cref="ProtocolError.Code"/>).</summary>
public sealed record HarnessErrorMessage(string Code, string Message) : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.HarnessError;
}

/// <summary><c>shutdown</c>: the implementation should exit with code 0 and write nothing more.</summary>
public sealed record ShutdownMessage : HarnessMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Shutdown;
}
