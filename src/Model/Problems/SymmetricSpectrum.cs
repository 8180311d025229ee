using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LocalSgdVerify.Model.Problems;

/// <summary>The eigen decomposition of a small symmetric matrix (MathNet's symmetric EVD), sorted ascending.</summary>
internal sealed class SymmetricSpectrum
{
    /// <summary>Decomposes the row-major symmetric d × d matrix.</summary>
    public SymmetricSpectrum(double[] rowMajor, int dimension)
    {
        var matrix = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => rowMajor[i * dimension + j]);
        Evd<double> evd = matrix.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, dimension).OrderBy(k => evd.EigenValues[k].Real).ToArray();
        Values = order.Select(k => evd.EigenValues[k].Real).ToArray();
        Vectors = Matrix<double>.Build.Dense(dimension, dimension, (i, k) => evd.EigenVectors[i, order[k]]);
    }

    /// <summary>Eigenvalues, ascending.</summary>
    public double[] Values { get; }

    /// <summary>Unit eigenvectors as columns, in the order of <see cref="Values"/>.</summary>
    public Matrix<double> Vectors { get; }

    /// <summary>The largest eigenvalue.</summary>
    public double Largest => Values[^1];

    /// <summary>
    /// Eigenvalues above <c>largest · d · 1e-12</c> count as nonzero: round-off in a Gram matrix of rank r leaves the
    /// d − r null eigenvalues at about ε·largest, far below any genuine eigenvalue of the generated designs.
    /// </summary>
    public double Threshold => Math.Max(Largest, 0) * Values.Length * 1e-12;

    /// <summary>Number of eigenvalues above <see cref="Threshold"/>.</summary>
    public int Rank => Values.Count(v => v > Threshold);

    /// <summary>The smallest eigenvalue above <see cref="Threshold"/>.</summary>
    public double SmallestNonzero => Values.First(v => v > Threshold);
}
