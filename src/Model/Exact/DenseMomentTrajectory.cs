using MathNet.Numerics.LinearAlgebra;

namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact mean and covariances of Local SGD on a dense quadratic at each checkpoint (from
/// <see cref="DenseQuadraticMoments.Compute"/>), held in A's eigenbasis where every covariance is diagonal;
/// the methods map them back to the original coordinates on request. The errors are
/// E F(x̄^t) − F* = ½ Σ_k λ_k (C̃_kk + m̃_k²) and E F(x_i^t) − F* = ½ Σ_k λ_k (C_own,kk + m̃_k²).
/// </summary>
public sealed class DenseMomentTrajectory : MomentTrajectory
{
    private readonly Matrix<double> basis;
    private readonly double[] optimum;

    internal DenseMomentTrajectory(int[] checkpoints, Matrix<double> basis, double[] optimum) : base(checkpoints)
    {
        int count = checkpoints.Length, d = optimum.Length;
        this.basis = basis;
        this.optimum = optimum;
        MeansInEigenbasis = Table(count, d);
        AverageVariances = Table(count, d);
        WorkerVariances = Table(count, d);
        CrossCovariances = Table(count, d);
    }

    /// <summary>m̃ = Qᵀ(E x̄^t − x*) (equal to every worker's mean) by checkpoint then eigen-coordinate.</summary>
    public double[][] MeansInEigenbasis { get; }

    /// <summary>The diagonal of C̃ = Qᵀ Cov(x̄^t) Q by checkpoint then eigen-coordinate.</summary>
    public double[][] AverageVariances { get; }

    /// <summary>The diagonal of Qᵀ Cov(x_i^t) Q (one worker) by checkpoint then eigen-coordinate.</summary>
    public double[][] WorkerVariances { get; }

    /// <summary>The diagonal of Qᵀ Cov(x_i^t, x_j^t) Q (i ≠ j) by checkpoint then eigen-coordinate.</summary>
    public double[][] CrossCovariances { get; }

    /// <summary>E x̄^t = x* + Q m̃ at checkpoint <paramref name="index"/>, in the original coordinates.</summary>
    public Vector<double> Mean(int index)
        => Vector<double>.Build.DenseOfArray(optimum) + basis * Vector<double>.Build.DenseOfArray(MeansInEigenbasis[index]);

    /// <summary>Cov(x̄^t) = Q diag(C̃) Qᵀ at checkpoint <paramref name="index"/>.</summary>
    public Matrix<double> AverageCovariance(int index) => Rotate(AverageVariances[index]);

    /// <summary>Cov(x_i^t) = Q diag(C_own) Qᵀ at checkpoint <paramref name="index"/>.</summary>
    public Matrix<double> WorkerCovariance(int index) => Rotate(WorkerVariances[index]);

    private Matrix<double> Rotate(double[] diagonal)
        => basis * Matrix<double>.Build.DiagonalOfDiagonalArray(diagonal) * basis.Transpose();
}
