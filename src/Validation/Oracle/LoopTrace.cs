namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// What one Local SGD loop did under the oracle: the point of every gradient query (keyed by step and the worker the
/// query named), the steps after which it averaged, and its output iterate. A loop whose values stopped being finite
/// ends early (<see cref="Complete"/> false): its trace stops at the step where that happened.
/// </summary>
public sealed class LoopTrace
{
    private readonly Dictionary<(int Step, int Worker), double[]> points = [];

    /// <summary>The point queried at (step, named worker), if the loop made that query.</summary>
    public bool TryGetPoint(int step, int worker, out double[] point) => points.TryGetValue((step, worker), out point!);

    /// <summary>Number of queries recorded.</summary>
    public int QueryCount => points.Count;

    /// <summary>Steps after which the loop averaged, in order.</summary>
    public List<int> SyncSteps { get; } = [];

    /// <summary>The output iterate, or null when the loop ended early.</summary>
    public double[]? Output { get; set; }

    /// <summary>True when the loop ran all T steps with finite values.</summary>
    public bool Complete => Output is not null;

    /// <summary>Records a query; the point is copied.</summary>
    public void AddQuery(int step, int worker, ReadOnlySpan<double> point) => points[(step, worker)] = point.ToArray();
}
