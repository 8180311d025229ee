using System.Globalization;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// The performance issue's jobs, defined once so the BenchmarkDotNet classes, the job runner and
/// bench/compare.sh (whose numpy and PyTorch programs repeat the same definition) time the same thing:
/// R replicates × N workers, constant step η = 0.01, averaging every H = 10 steps (and at T), x0 = 1 in every
/// coordinate, the error F(x̄_T) − F* of the last average.
/// <list type="bullet">
/// <item><c>diagonal</c>: F(x) = Σ_k (a_k/2) x_k² with a_k = 1 + 9k/(d − 1) (eigenvalues spread over [1, 10]),
/// g = a∘x + σ s, σ = 1 (the separable quadratic without multiplicative noise).</item>
/// <item><c>multiplicative</c>: the same with g_k = a_k x_k (1 + c z_k) + σ s_k, c = 0.5.</item>
/// <item><c>kink</c>, <c>smooth</c>: the 1-D problems (μ = 1, σ = 1), d must be 1.</item>
/// <item><c>dense</c>: ½ (x − x*)ᵀ A (x − x*) with A = Q diag(λ) Qᵀ, λ spread over [1, 10], Q from data seed 7, σ = 1.</item>
/// </list>
/// </summary>
public static class ComparisonJob
{
    /// <summary>The job names accepted by <see cref="Configuration"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["diagonal", "multiplicative", "kink", "smooth", "dense"];

    /// <summary>η.</summary>
    public const double StepSize = 0.01;

    /// <summary>H.</summary>
    public const int Period = 10;

    /// <summary>σ.</summary>
    public const double Noise = 1.0;

    /// <summary>c of the multiplicative job.</summary>
    public const double MultiplicativeNoise = 0.5;

    /// <summary>a_k = 1 + 9k/(d − 1) (a single coordinate gets 1).</summary>
    public static double[] Curvatures(int dimension) =>
        Enumerable.Range(0, dimension).Select(k => dimension == 1 ? 1.0 : 1 + 9.0 * k / (dimension - 1)).ToArray();

    /// <summary>The configuration of job <paramref name="name"/> for N workers, d coordinates and T steps.</summary>
    public static LocalSgdConfiguration Configuration(string name, int workers, int dimension, int steps)
    {
        IProblem problem = name switch
        {
            "diagonal" => new SeparableQuadratic(Curvatures(dimension), 0, Noise),
            "multiplicative" => new SeparableQuadratic(Curvatures(dimension), MultiplicativeNoise, Noise),
            "kink" => new KinkFunction(1, Noise),
            "smooth" => new SmoothFunction(Noise),
            "dense" => new DenseQuadratic(Curvatures(dimension), Noise, dataSeed: 7),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"job: unknown '{name}'; allowed: {string.Join(", ", Names)}"), nameof(name)),
        };
        if (problem.Dimension != dimension)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"dimension: the {name} job is {problem.Dimension}-dimensional; got {dimension}"), nameof(dimension));
        return new LocalSgdConfiguration(problem, workers, steps, Enumerable.Repeat(1.0, dimension).ToArray(),
            new ConstantStepSize(StepSize), new ConstantPeriod(Period));
    }
}
