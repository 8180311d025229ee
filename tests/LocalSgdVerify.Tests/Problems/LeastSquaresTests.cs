using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.TestSupport;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static LocalSgdVerify.Tests.Problems.ProblemTestSupport;

namespace LocalSgdVerify.Tests.Problems;

public sealed class LeastSquaresTests
{
    private static Matrix<double> Design(LeastSquares problem)
        => Matrix<double>.Build.Dense(problem.Rows, problem.Columns, (i, j) => problem.Row(i)[j]);

    [Fact]
    public void FullRankDesignIsStronglyConvexWithTheExtremeEigenvaluesOfTheGramMatrix()
    {
        var problem = new LeastSquares(50, 4, 3, 0.2, 5, columnScales: [1.0, 3.0, 0.5, 2.0]);
        // Singular values of A computed independently: eigenvalues of AᵀA/n are s²/n.
        double[] singular = Design(problem).Svd(false).S.ToArray();
        Assert.True(problem.IsStronglyConvex);
        Assert.Equal(4, problem.NumericalRank);
        Assert.Equal(singular.Max() * singular.Max() / 50, problem.Smoothness!.Value, 10);
        Assert.Equal(singular.Min() * singular.Min() / 50, problem.StrongConvexity!.Value, 10);
    }

    [Fact]
    public void NoiseFreeFullRankDesignRecoversTheTrueWeightsWithZeroOptimalValue()
    {
        var problem = new LeastSquares(30, 5, 1, 0.0, 6);
        for (int k = 0; k < 5; k++) Assert.Equal(problem.TrueWeights[k], problem.Optimum![k], 10);
        Assert.True(problem.OptimalValue <= 1e-24, $"F* = {problem.OptimalValue}");
    }

    [Fact]
    public void RankDeficientDesignHasTheRequestedRankAndAMinimumNormSolution()
    {
        var problem = new LeastSquares(40, 6, 2, 0.5, 7, rank: 3);
        var svd = Design(problem).Svd(true);
        double[] singular = svd.S.ToArray();
        Assert.False(problem.IsStronglyConvex);
        Assert.Equal(3, problem.NumericalRank);
        Assert.Equal(3, singular.Count(s => s > 1e-8 * singular[0]));
        // μ is the PL constant: the smallest NONZERO eigenvalue of AᵀA/n.
        double smallestNonzero = singular.Where(s => s > 1e-8 * singular[0]).Min();
        Assert.Equal(smallestNonzero * smallestNonzero / 40, problem.StrongConvexity!.Value, 10);

        var optimum = Vector<double>.Build.DenseOfEnumerable(problem.Optimum!);
        // Minimum norm: x* has no component in the null space of A (the last right singular vectors).
        for (int k = 3; k < 6; k++)
            Assert.True(Math.Abs(svd.VT.Row(k).DotProduct(optimum)) <= 1e-10, $"component along null vector {k}");
        // Normal equations Aᵀ(Ax* − b) = 0.
        var a = Design(problem);
        var b = Vector<double>.Build.DenseOfEnumerable(problem.Targets);
        Assert.True((a.TransposeThisAndMultiply(a * optimum - b)).InfinityNorm() <= 1e-10);
    }

    [Fact]
    public void RankDeficientDesignSatisfiesThePolyakLojasiewiczInequality()
    {
        var problem = new LeastSquares(40, 6, 2, 0.5, 7, rank: 3);
        double mu = problem.StrongConvexity!.Value;
        Prop.ForAll(Points(6, 3), x =>
        {
            var gradient = new double[6];
            problem.Gradient(x, gradient);
            double squaredNorm = gradient.Sum(g => g * g);
            // F(x) − F* ≤ ‖∇F(x)‖²/(2μ), with a round-off allowance.
            return problem.Error(x) <= squaredNorm / (2 * mu) * (1 + 1e-10) + 1e-14;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void RankDeficientDesignIsNotStronglyConvexAlongTheNullSpace()
    {
        // Moving along a null direction of A leaves F unchanged, so no μ > 0 bounds F from below quadratically.
        var problem = new LeastSquares(40, 6, 2, 0.5, 7, rank: 3);
        var nullDirection = Design(problem).Svd(true).VT.Row(5);
        double[] x = problem.Optimum!.ToArray();
        double[] moved = x.Select((value, k) => value + 10 * nullDirection[k]).ToArray();
        Assert.True(problem.Error(moved) <= 1e-12, $"error 10 units along the null space = {problem.Error(moved)}");
    }
}
