namespace LocalSgdVerify.Model.Algorithm;

/// <summary>
/// Sees the reference loop's protocol trace: every gradient drawn (where, at which point, what value) and
/// every averaging. The validation harness and the trace tests use it to assert what was reduced and when.
/// </summary>
public interface IRunObserver
{
    /// <summary>Worker <paramref name="worker"/> drew <paramref name="gradient"/> at <paramref name="point"/> in step t (0-based).</summary>
    void OnGradient(int step, int worker, ReadOnlySpan<double> point, ReadOnlySpan<double> gradient) { }

    /// <summary>
    /// The workers averaged after step <paramref name="step"/> (1-based, s ∈ I); <paramref name="average"/> is x̄. All workers
    /// were set to it, except under a hierarchical schedule's group averaging, where each holds its group's mean.
    /// </summary>
    void OnSync(int step, ReadOnlySpan<double> average) { }

    /// <summary>x̄^t after step t (1-based); <paramref name="workers"/> holds x_i^t row by row (N × d).</summary>
    void OnStepCompleted(int step, ReadOnlySpan<double> virtualAverage, ReadOnlySpan<double> workers) { }
}
