using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

public sealed class DenseQuadraticTests
{
    [Theory]
    [InlineData(1, 3UL)]
    [InlineData(4, 3UL)]
    [InlineData(7, 12345UL)]
    public void RandomOrthogonalIsTheSignFixedQFactorOfTheSeedsGaussianMatrix(int d, ulong seed)
    {
        Matrix<double> q = DenseQuadratic.RandomOrthogonal(d, seed);
        // G is the documented draw: ProblemData stream, address (0, purpose 0, row i), index j.
        var random = new CounterBasedRandom(seed, NoiseStreams.DataGeneration);
        var g = Matrix<double>.Build.Dense(d, d, (i, j) => random.Normal(new NoiseAddress(0, 0, i), j));
        Matrix<double> r = q.TransposeThisAndMultiply(g);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                Assert.Equal(i == j ? 1.0 : 0.0, q.Column(i).DotProduct(q.Column(j)), 12);
                // QᵀG = R must be upper triangular with a positive diagonal: the unique QR factorisation.
                if (i > j) Assert.Equal(0.0, r[i, j], 12);
            }
        for (int i = 0; i < d; i++) Assert.True(r[i, i] > 0, $"R[{i},{i}] = {r[i, i]}");
    }

    [Fact]
    public void HessianHasTheGivenEigenpairsAndIsExactlySymmetric()
    {
        double[] spectrum = [0.25, 1.0, 2.0, 9.0];
        var problem = new DenseQuadratic(spectrum, 0.1, 77);
        Matrix<double> a = problem.HessianMatrix(), q = problem.EigenvectorMatrix();
        for (int k = 0; k < spectrum.Length; k++)
        {
            var residual = a * q.Column(k) - spectrum[k] * q.Column(k);
            Assert.True(residual.InfinityNorm() <= 1e-12 * 9, $"‖A q_k − λ_k q_k‖∞ = {residual.InfinityNorm()}");
        }
        Assert.Equal(a, a.Transpose());
        Assert.Equal(0.25, problem.StrongConvexity);
        Assert.Equal(9.0, problem.Smoothness);
    }

    [Fact]
    public void DifferentDataSeedsGiveDifferentBases()
    {
        var first = DenseQuadratic.RandomOrthogonal(3, 1);
        var second = DenseQuadratic.RandomOrthogonal(3, 2);
        Assert.True((first - second).InfinityNorm() > 0.01);
    }

    [Fact]
    public void ValueIsHalfTheQuadraticFormOfTheHessian()
    {
        var problem = new DenseQuadratic([0.5, 2.0, 3.0], 0, 8, [1.0, 2.0, -1.0]);
        double[] x = [0.3, -0.4, 2.0];
        var e = Vector<double>.Build.DenseOfArray([x[0] - 1.0, x[1] - 2.0, x[2] + 1.0]);
        Assert.Equal(0.5 * e.DotProduct(problem.HessianMatrix() * e), problem.Value(x), 12);
    }

    [Fact]
    public void IdentityEigenvectorsGiveTheDiagonalQuadratic()
    {
        var problem = DenseQuadratic.WithEigenvectors([1.0, 4.0], Matrix<double>.Build.DenseIdentity(2), 0.3);
        // F(x) = ½(1·x₀² + 4·x₁²) by hand.
        Assert.Equal(0.5 * (1 * 0.09 + 4 * 0.25), problem.Value([0.3, -0.5]), 15);
        var gradient = new double[2];
        problem.Gradient([0.3, -0.5], gradient);
        Assert.Equal([0.3, -2.0], gradient);
    }

    [Fact]
    public void SpectrumHelpersSpanFromMuToL()
    {
        Assert.Equal([1.0, 2.0, 3.0, 4.0], DenseQuadratic.LinearSpectrum(4, 1, 4));
        double[] geometric = DenseQuadratic.GeometricSpectrum(4, 1, 8);
        Assert.Equal(1.0, geometric[0]);
        Assert.Equal(8.0, geometric[^1]);
        for (int k = 1; k < 4; k++) Assert.Equal(2.0, geometric[k] / geometric[k - 1], 12);
        Assert.Equal([2.0], DenseQuadratic.LinearSpectrum(1, 2, 2));
    }

    [Fact]
    public void NonOrthogonalEigenvectorsAreRejected()
    {
        var skewed = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.1 }, { 0.0, 1.0 } });
        var error = Assert.Throws<ProblemParameterException>(() => DenseQuadratic.WithEigenvectors([1.0, 2.0], skewed, 0.1));
        Assert.Equal("problem.eigenvectors", error.Field);
    }
}
