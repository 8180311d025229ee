namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact moments of Local SGD on the separable quadratic at each checkpoint (from
/// <see cref="SeparableQuadraticMoments.Compute"/>). F* = 0 and x* = 0, so errors are values of F:
/// E F(x̄^t) = Σ_k (a_k/2)(q_k/N + (1 − 1/N) r_k) and E F(x_i^t) = Σ_k (a_k/2) q_k.
/// The per-coordinate arrays are filled only when they were requested.
/// </summary>
public sealed class SeparableMomentTrajectory : MomentTrajectory
{
    internal SeparableMomentTrajectory(int[] checkpoints, int dimension, bool recordCoordinates) : base(checkpoints)
    {
        int count = checkpoints.Length;
        OutputErrors = new double[count];
        if (recordCoordinates)
        {
            Means = Table(count, dimension);
            WorkerSecondMoments = Table(count, dimension);
            CrossMoments = Table(count, dimension);
            AverageSecondMoments = Table(count, dimension);
        }
    }

    /// <summary>E[F(output)] − F* per checkpoint, for the output iterate requested (x̄^t or a weighted running average).</summary>
    public double[] OutputErrors { get; }

    /// <summary>m_k = E x_{i,k} = E x̄_k by checkpoint then coordinate, or null when not recorded.</summary>
    public double[][]? Means { get; }

    /// <summary>q_k = E[x_{i,k}²] by checkpoint then coordinate, or null.</summary>
    public double[][]? WorkerSecondMoments { get; }

    /// <summary>r_k = E[x_{i,k} x_{j,k}], i ≠ j, by checkpoint then coordinate, or null.</summary>
    public double[][]? CrossMoments { get; }

    /// <summary>E[x̄_k²] = q_k/N + (1 − 1/N) r_k by checkpoint then coordinate, or null.</summary>
    public double[][]? AverageSecondMoments { get; }
}
