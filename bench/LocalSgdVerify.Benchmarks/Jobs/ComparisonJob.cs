using System.Globalization;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// The performance comparison's jobs, defined once so the BenchmarkDotNet classes, the job runner and
/// bench/compare.sh (whose numpy and PyTorch programs repeat the same definition) time the same thing:
/// R replicates × N workers, constant step η = 0.01, averaging every H = 10 steps (and at T), x0 = 1 in every
/// coordinate, the error F(x̄_T) − F* of the last average.
/// <list type="bullet">
/// <item><c>diagonal</c>: F(x) = Σ_k (a_k/2) x_k² with a_k = 1 + 9k/(d − 1) (eigenvalues spread over [1, 10]),
/// g = a∘x + σ s, σ = 1 (the separable quadratic without multiplicative noise).</item>
/// <item><c>multiplicative</c>: the same with g_k = a_k x_k (1 + c z_k) + σ s_k, c = 0.5.</item>
/// <item><c>kink</c>, <c>smooth</c>: the 1-D problems (μ = 1, σ = 1), d must be 1.</item>
/// <item><c>kink-adaptive</c>, <c>smooth-adaptive</c>: the same under ADA-LUPA's loss rule with τ0 = H = 10
/// (each run's periods grow as its own F(x̄) − F* falls).</item>
/// <item><c>dense</c>: ½ (x − x*)ᵀ A (x − x*) with A = Q diag(λ) Qᵀ, λ spread over [1, 10], Q from data seed 7, σ = 1.</item>
/// <item><c>least-squares</c>: the rank-deficient least squares of Haddadpour et al.'s claims, scaled with d: n = 10d rows,
/// rank ⌈3d/5⌉ (3 of 5 at d = 5), one row per gradient (B = 1), label noise ν = 0.5, data seed 6.</item>
/// <item><c>least-squares-full</c>: full rank, n = 10d rows, mini-batches of B = 4 rows drawn with replacement, ν = 0.5, data seed 6.</item>
/// <item><c>logistic</c>: L2-regularised logistic regression, n = 10d examples, λ = 0.1, B = 1, data seed 6.</item>
/// <item><c>heterogeneous</c>: worker i minimises Σ_k (a_k/2)(x_k − x*_{i,k})², a as in <c>diagonal</c>, optima at
/// distance ζ = 1 from 0 in random directions (data seed 7), σ = 1.</item>
/// <item><c>heterogeneous-hierarchical</c>: the heterogeneous job under hierarchical averaging: groups of
/// <see cref="HierarchicalGroupSize"/> workers average every H steps, all N every <see cref="HierarchicalGlobalPeriod"/>
/// steps (and at T); the workers' different optima make the groups matter for E F(x̄_T).</item>
/// <item><c>uv</c>: the label-noise uv toy (d = 2), label noise s = 1, local batch 1; x0 = (1, 1) lies on the manifold uv = 1.</item>
/// </list>
/// </summary>
public static class ComparisonJob
{
    /// <summary>The job names accepted by <see cref="Configuration"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["diagonal", "multiplicative", "kink", "smooth", "kink-adaptive", "smooth-adaptive", "dense",
         "least-squares", "least-squares-full", "logistic", "heterogeneous", "heterogeneous-hierarchical", "uv"];

    /// <summary>η.</summary>
    public const double StepSize = 0.01;

    /// <summary>H, and τ0 of the adaptive jobs.</summary>
    public const int Period = 10;

    /// <summary>The group size of <c>heterogeneous-hierarchical</c>'s frequent averaging (N must be a multiple).</summary>
    public const int HierarchicalGroupSize = 2;

    /// <summary>How often <c>heterogeneous-hierarchical</c> averages over all workers.</summary>
    public const int HierarchicalGlobalPeriod = 4 * Period;

    /// <summary>σ.</summary>
    public const double Noise = 1.0;

    /// <summary>c of the multiplicative job.</summary>
    public const double MultiplicativeNoise = 0.5;

    /// <summary>Rows per coordinate of the least-squares and logistic jobs (n = 10d).</summary>
    public const int RowsPerColumn = 10;

    /// <summary>ν of the least-squares jobs.</summary>
    public const double LabelNoise = 0.5;

    /// <summary>B of <c>least-squares-full</c>.</summary>
    public const int MiniBatch = 4;

    /// <summary>λ of the logistic job.</summary>
    public const double Regularization = 0.1;

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
            "kink" or "kink-adaptive" => new KinkFunction(1, Noise),
            "smooth" or "smooth-adaptive" => new SmoothFunction(Noise),
            "dense" => new DenseQuadratic(Curvatures(dimension), Noise, dataSeed: 7),
            "least-squares" => new LeastSquares(RowsPerColumn * dimension, dimension, 1, LabelNoise, dataSeed: 6, rank: (3 * dimension + 4) / 5),
            "least-squares-full" => new LeastSquares(RowsPerColumn * dimension, dimension, MiniBatch, LabelNoise, dataSeed: 6),
            "logistic" => new LogisticRegression(RowsPerColumn * dimension, dimension, Regularization, 1, dataSeed: 6),
            "heterogeneous" or "heterogeneous-hierarchical" => HeterogeneousQuadratics.Generated(Curvatures(dimension), workers, 1.0, Noise, dataSeed: 7),
            "uv" => new LabelNoiseUvToy(Noise, 1),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"job: unknown '{name}'; allowed: {string.Join(", ", Names)}"), nameof(name)),
        };
        if (problem.Dimension != dimension)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"dimension: the {name} job is {problem.Dimension}-dimensional; got {dimension}"), nameof(dimension));
        ICommunicationSchedule schedule = name.EndsWith("-adaptive", StringComparison.Ordinal) ? new AdaLupaLoss(Period)
            : name.EndsWith("-hierarchical", StringComparison.Ordinal)
                ? new HierarchicalSchedule([new AveragingLevel(HierarchicalGroupSize, Period), new AveragingLevel(workers, HierarchicalGlobalPeriod)])
                : new ConstantPeriod(Period);
        return new LocalSgdConfiguration(problem, workers, steps, Enumerable.Repeat(1.0, dimension).ToArray(),
            new ConstantStepSize(StepSize), schedule);
    }
}
