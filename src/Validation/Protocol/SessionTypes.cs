using System.Diagnostics.CodeAnalysis;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>Either a value or the taxonomy error that prevented it; session operations return this instead of throwing.</summary>
public sealed class ProtocolOutcome<T>
{
    private ProtocolOutcome(T? value, ProtocolError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>The error, when not <see cref="Succeeded"/>.</summary>
    public ProtocolError? Error { get; }

    /// <summary>True when the operation completed.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A successful outcome.</summary>
    public static ProtocolOutcome<T> Success(T value) => new(value, null);

    /// <summary>A failed outcome.</summary>
    public static ProtocolOutcome<T> Failure(ProtocolError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The value, or a <see cref="ProtocolException"/> carrying the error.</summary>
    public T GetValueOrThrow() => Succeeded ? Value : throw new ProtocolException(Error);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"Success({Value})" : $"Failure({Error})";
}

/// <summary>One stochastic-gradient request handed to the harness's oracle: worker i (0-based) at step s (1-based) at point x_i^{s−1}.</summary>
/// <param name="Step">s ∈ {1..T}; the gradient is used with step size η = step_sizes[s−1].</param>
/// <param name="Worker">i ∈ {0..N−1}.</param>
/// <param name="Point">The point the implementation evaluated at, length d (decoded bit for bit).</param>
public sealed record GradientQuery(int Step, int Worker, double[] Point);

/// <summary>An averaging event the implementation reported with <c>sync</c>.</summary>
/// <param name="Step">The step after which it averaged.</param>
/// <param name="Workers">The workers it says took part; null means all.</param>
/// <param name="GradientsServed">Gradients served before the report (oracle mode; 0 in blackbox mode).</param>
/// <param name="LastCompleteStep">Last step whose gradients every worker had received when the report arrived.</param>
public sealed record SyncEvent(int Step, int[]? Workers, int GradientsServed, int LastCompleteStep);

/// <summary>The outcome of a completed run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="X">The implementation's output iterate, length d, bit for bit as sent.</param>
/// <param name="Rounds">Communication rounds the implementation says it performed, if it said.</param>
/// <param name="GradientsServed">Gradients served (N·T in oracle mode, 0 in blackbox mode).</param>
/// <param name="SyncEvents">Every <c>sync</c> report, in order.</param>
public sealed record RunResult(string RunId, double[] X, int? Rounds, int GradientsServed, IReadOnlyList<SyncEvent> SyncEvents);

/// <summary>How the implementation ended after <c>shutdown</c>.</summary>
/// <param name="ExitCode">Its exit code, when known.</param>
/// <param name="ExitedOnItsOwn">False when the harness had to kill it.</param>
public sealed record ShutdownReport(int? ExitCode, bool ExitedOnItsOwn)
{
    /// <summary>True for the expected ending: exited by itself with code 0.</summary>
    public bool Clean => ExitedOnItsOwn && ExitCode == 0;
}

/// <summary>Options of a <see cref="ProtocolSession"/>.</summary>
public sealed record SessionOptions
{
    /// <summary>Longest wait for any single message from (or write to) the implementation; default 30 s.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the implementation may take to exit after <c>shutdown</c> before it is killed; default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Version string sent in the harness hello.</summary>
    public string HarnessVersion { get; init; } =
        typeof(SessionOptions).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <summary>Receives the text of every <c>log</c> message (the user's log).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Reject a query for step s by a worker while another worker has not yet asked for the last averaging step
    /// before s (no correct implementation can have formed that average yet); default true.
    /// </summary>
    public bool EnforceSyncBarrier { get; init; } = true;
}
