namespace LocalSgdVerify.Checks.Framework.Measurements;

/// <summary>The store that keeps nothing: every request computes its whole range at once (a claim evaluated outside a run).</summary>
public sealed class DirectMeasurements : IMeasurementStore
{
    /// <summary>The one instance (the store has no state).</summary>
    public static DirectMeasurements Instance { get; } = new();

    private DirectMeasurements() { }

    /// <inheritdoc/>
    public double[][] Replicates(string key, int count, Func<int, int, double[][]> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var rows = compute(0, count);
        MeasurementShape.Require(key, rows, count);
        return rows;
    }

    /// <inheritdoc/>
    public double[] Values(string key, Func<double[]> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return compute();
    }
}
