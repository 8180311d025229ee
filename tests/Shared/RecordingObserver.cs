using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.TestSupport;

/// <summary>Records the reference loop's protocol trace: x̄ after every step, the sync steps and the worker rows.</summary>
public sealed class RecordingObserver : IRunObserver
{
    /// <summary>x̄^t for t = 1..T.</summary>
    public List<double[]> Averages { get; } = [];

    /// <summary>x_i^t rows (N × d) for t = 1..T.</summary>
    public List<double[]> Workers { get; } = [];

    /// <summary>Steps after which the workers averaged.</summary>
    public List<int> Syncs { get; } = [];

    /// <summary>(step, worker, point) of every gradient drawn.</summary>
    public List<(int Step, int Worker, double[] Point)> Queries { get; } = [];

    /// <inheritdoc/>
    public void OnGradient(int step, int worker, ReadOnlySpan<double> point, ReadOnlySpan<double> gradient)
        => Queries.Add((step, worker, point.ToArray()));

    /// <inheritdoc/>
    public void OnSync(int step, ReadOnlySpan<double> average) => Syncs.Add(step);

    /// <inheritdoc/>
    public void OnStepCompleted(int step, ReadOnlySpan<double> virtualAverage, ReadOnlySpan<double> workers)
    {
        Averages.Add(virtualAverage.ToArray());
        Workers.Add(workers.ToArray());
    }
}
