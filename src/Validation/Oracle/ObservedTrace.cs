using LocalSgdVerify.Validation.Protocol;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// What an implementation did in one oracle run, as far as it got: every query (step, named worker, point) in arrival
/// order, every <c>sync</c> report, and its result (null when the run did not complete).
/// </summary>
public sealed class ObservedTrace
{
    /// <summary>Every query in arrival order (batch queries contribute one entry per worker).</summary>
    public List<GradientQuery> Queries { get; } = [];

    /// <summary>Every sync report in arrival order.</summary>
    public List<SyncEvent> SyncReports { get; } = [];

    /// <summary>The output iterate the implementation reported, or null.</summary>
    public double[]? Result { get; set; }

    /// <summary>The rounds the implementation said it performed, if it said.</summary>
    public int? Rounds { get; set; }

    /// <summary>The error that ended the run early, if any.</summary>
    public ProtocolError? Error { get; set; }

    /// <summary>True when the harness stopped the run because the implementation's point was too far off for a finite gradient.</summary>
    public bool StoppedByHarness { get; set; }

    /// <summary>True when the implementation reported a result.</summary>
    public bool Complete => Result is not null;

    /// <summary>The largest step the implementation asked a gradient for (0 if none).</summary>
    public int LastStep => Queries.Count == 0 ? 0 : Queries.Max(query => query.Step);
}

/// <summary>Where an implementation first left the reference.</summary>
public enum DivergenceKind
{
    /// <summary>A queried point differs from the reference worker iterate.</summary>
    Query,
    /// <summary>Every query matched, but the output iterate differs.</summary>
    Output,
    /// <summary>Every point matched, but the implementation reported averaging after other steps than I.</summary>
    SyncReport,
}

/// <summary>
/// The first divergence from the reference: at step <paramref name="Step"/>, worker <paramref name="Worker"/>,
/// coordinate <paramref name="Coordinate"/>, the reference had <paramref name="Expected"/> and the implementation
/// <paramref name="Actual"/>; <paramref name="Deviation"/> is |x − x_ref|∞ / max(1, |x_ref|∞). For a sync-report
/// divergence, Expected and Actual are step numbers (NaN for "none").
/// </summary>
public sealed record Divergence(DivergenceKind Kind, int Step, int? Worker, int Coordinate, double Expected, double Actual, double Deviation)
{
    /// <summary>The divergence in one sentence.</summary>
    public string Describe()
    {
        string Number(double value) => double.IsNaN(value) ? "none" : RoundTrip(value);
        string step = Step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string coordinate = Coordinate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string deviation = ThreeSignificant(Deviation);
        return Kind switch
        {
            DivergenceKind.Query =>
                $"first divergence at step {step}, worker {Worker?.ToString(System.Globalization.CultureInfo.InvariantCulture)}, coordinate {coordinate}: expected {Number(Expected)}, got {Number(Actual)} (scaled deviation {deviation})",
            DivergenceKind.Output =>
                $"every queried point matched, but the output differs at coordinate {coordinate}: expected {Number(Expected)}, got {Number(Actual)} (scaled deviation {deviation})",
            _ => $"every queried point matched, but the sync reports differ: expected an averaging after step {Number(Expected)}, the implementation reported {Number(Actual)}",
        };
    }
}
