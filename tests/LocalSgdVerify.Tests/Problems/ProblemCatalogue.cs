using LocalSgdVerify.Model.Problems;
using Xunit;

namespace LocalSgdVerify.Tests.Problems;

/// <summary>
/// One small instance of every problem family, by name, so the contract tests run over all of them. Sizes are small
/// so the finite-difference and Newton checks stay fast; the point scale keeps the tests in the region where
/// each problem is well conditioned.
/// </summary>
internal static class ProblemCatalogue
{
    public sealed record Case(string Name, IProblem Problem, double PointScale, bool HessianMayBeSingular = false);

    private static readonly Lazy<Dictionary<string, Case>> Cases = new(() => new Case[]
    {
        new("separable-quadratic", new SeparableQuadratic([1.0, 2.0, 3.0], 1.0, 0.5), 2),
        new("kink", new KinkFunction(1.0, 8.0), 2),
        new("smooth", new SmoothFunction(8.0), 3),
        new("dense-quadratic", new DenseQuadratic(DenseQuadratic.GeometricSpectrum(5, 0.5, 4.0), 0.7, 11, [0.3, -0.2, 0.1, 0.0, 1.0]), 2),
        new("least-squares", new LeastSquares(40, 5, 4, 0.3, 21), 2),
        new("least-squares-rank-deficient", new LeastSquares(40, 6, 4, 0.3, 22, rank: 3, columnScales: [1.0, 2.0, 0.5, 1.0, 1.5, 1.0]), 2, HessianMayBeSingular: true),
        new("logistic-regression", new LogisticRegression(60, 4, 0.1, 5, 31), 2),
        new("heterogeneous-quadratics", HeterogeneousQuadratics.Generated([1.0, 0.5, 2.0], 4, 1.5, 0.4, 41, [0.5, -0.5, 1.0]), 2),
        new("label-noise-uv", new LabelNoiseUvToy(0.5, 4), 2, HessianMayBeSingular: true),
    }.ToDictionary(c => c.Name));

    public static Case Get(string name) => Cases.Value[name];

    public static IEnumerable<string> Names => Cases.Value.Keys;

    /// <summary>Case names as theory data.</summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (string name in Names) data.Add(name);
        return data;
    }

    /// <summary>Case names of problems with a minimiser x*.</summary>
    public static TheoryData<string> WithOptimum()
    {
        var data = new TheoryData<string>();
        foreach (string name in Names.Where(n => Get(n).Problem.Optimum is not null)) data.Add(name);
        return data;
    }
}
