using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Problems;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>Every bad parameter is rejected with a <see cref="ProblemParameterException"/> naming its field.</summary>
public sealed class ParameterValidationTests
{

    private static readonly (string Field, Action Build)[] BadInputs =
    [
        ("problem.curvatures", () => _ = new SeparableQuadratic([], 0, 1)),
        ("problem.curvatures[1]", () => _ = new SeparableQuadratic([1.0, -1.0], 0, 1)),
        ("problem.multiplicative_noise", () => _ = new SeparableQuadratic([1.0], double.NaN, 1)),
        ("problem.curvature", () => _ = new KinkFunction(0, 1)),
        ("problem.noise", () => _ = new SmoothFunction(-1)),
        ("problem.eigenvalues", () => _ = new DenseQuadratic([], 1, 0)),
        ("problem.eigenvalues[2]", () => _ = new DenseQuadratic([1.0, 2.0, 0.0], 1, 0)),
        ("problem.noise", () => _ = new DenseQuadratic([1.0], -0.5, 0)),
        ("problem.optimum", () => _ = new DenseQuadratic([1.0, 2.0], 1, 0, [1.0])),
        ("problem.optimum[0]", () => _ = new DenseQuadratic([1.0], 1, 0, [double.PositiveInfinity])),
        ("problem.eigenvectors", () => DenseQuadratic.WithEigenvectors([1.0, 2.0], Matrix<double>.Build.DenseIdentity(3), 1)),
        ("problem.smoothness", () => DenseQuadratic.LinearSpectrum(3, 2, 1)),
        ("problem.strong_convexity", () => DenseQuadratic.GeometricSpectrum(3, 0, 1)),
        ("problem.dimension", () => DenseQuadratic.LinearSpectrum(1, 1, 2)),
        ("problem.rows", () => _ = new LeastSquares(0, 3, 1, 0, 0)),
        ("problem.columns", () => _ = new LeastSquares(5, 0, 1, 0, 0)),
        ("problem.batch_size", () => _ = new LeastSquares(5, 3, 0, 0, 0)),
        ("problem.noise_level", () => _ = new LeastSquares(5, 3, 1, -1, 0)),
        ("problem.rank", () => _ = new LeastSquares(5, 3, 1, 0, 0, rank: 4)),
        ("problem.column_scales", () => _ = new LeastSquares(5, 3, 1, 0, 0, columnScales: [1.0])),
        ("problem.column_scales[1]", () => _ = new LeastSquares(5, 3, 1, 0, 0, columnScales: [1.0, 0.0, 1.0])),
        ("problem.regularization", () => _ = new LogisticRegression(5, 2, 0, 1, 0)),
        ("problem.batch_size", () => _ = new LogisticRegression(5, 2, 0.1, 0, 0)),
        ("problem.rows", () => _ = new LogisticRegression(0, 2, 0.1, 1, 0)),
        ("problem.optima", () => HeterogeneousQuadratics.WithOptima([1.0], [], 0)),
        ("problem.optima[1]", () => HeterogeneousQuadratics.WithOptima([1.0, 2.0], [[1.0, 2.0], [1.0]], 0)),
        ("problem.optima[0][1]", () => HeterogeneousQuadratics.WithOptima([1.0, 2.0], [[1.0, double.NaN]], 0)),
        ("problem.workers", () => HeterogeneousQuadratics.Generated([1.0], 0, 1, 0, 0)),
        ("problem.spread", () => HeterogeneousQuadratics.Generated([1.0], 2, -1, 0, 0)),
        ("problem.center", () => HeterogeneousQuadratics.Generated([1.0], 2, 1, 0, 0, [1.0, 2.0])),
        ("problem.label_noise", () => _ = new LabelNoiseUvToy(-0.1, 1)),
        ("problem.local_batch", () => _ = new LabelNoiseUvToy(0.1, 0)),
    ];

    [Fact]
    public void EveryBadParameterNamesItsField()
    {
        foreach (var (field, build) in BadInputs)
        {
            var error = Assert.Throws<ProblemParameterException>(build);
            Assert.True(field == error.Field, $"expected field {field}, got {error.Field}: {error.Message}");
            Assert.StartsWith(field + " = ", error.Message);
        }
    }
}
