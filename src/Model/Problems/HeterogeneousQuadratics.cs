using System.Globalization;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Heterogeneous separable quadratics (claims.md §2, client drift): worker i minimises
/// <c>F_i(x) = Σ_k (a_k/2)(x_k − x*_{i,k})²</c> and draws <c>g = ∇F_i(x) + σξ</c>, <c>ξ ~ N(0, I)</c>.
/// The objective is the mean <c>F = (1/N) Σ_i F_i</c>; expanding each square around the mean optimum
/// <c>x* = (1/N) Σ_i x*_i</c> gives <c>F(x) = Σ_k (a_k/2)(x_k − x*_k)² + F*</c> with
/// <c>F* = (1/N) Σ_i Σ_k (a_k/2)(x*_{i,k} − x*_k)²</c> (the cross term averages to zero).
/// <para>
/// The worker count N is part of the problem: the oracle uses <c>address.Worker</c> to pick F_i, so running with
/// another number of workers changes the objective. Call <see cref="RequireWorkerCount"/> when a configuration
/// is built; the oracle itself throws for a worker index ≥ N.
/// </para>
/// </summary>
public sealed class HeterogeneousQuadratics : IProblem
{
    private const int DirectionPurpose = 0;

    /// <summary>Largest N·d of the worker optima, which are held in memory (2²⁸ doubles, 2 GiB, as for generated designs).</summary>
    public const long MaximumOptimumEntries = 1L << 28;

    /// <summary>What the curvature list accepts for <paramref name="workers"/> generated worker optima, as error messages say it.</summary>
    public static string CurvatureCountRange(int workers) =>
        $"at most {(MaximumOptimumEntries / Math.Max(1, workers)).ToString(System.Globalization.CultureInfo.InvariantCulture)} curvatures for workers = {workers.ToString(System.Globalization.CultureInfo.InvariantCulture)} (the N × d worker optima, at most {MaximumOptimumEntries.ToString(System.Globalization.CultureInfo.InvariantCulture)} numbers, are held in memory)";
    private readonly double[] curvatures;
    private readonly double[] workerOptima; // row-major N × d
    private readonly double[] optimum;
    private readonly double[]? center;
    private readonly ulong? dataSeed;
    private readonly double? spread;

    private HeterogeneousQuadratics(double[] curvatures, double[] workerOptima, int workers, double noise, double[]? center, double? spread, ulong? dataSeed)
    {
        this.curvatures = curvatures;
        this.workerOptima = workerOptima;
        this.center = center;
        this.spread = spread;
        this.dataSeed = dataSeed;
        Workers = workers;
        Noise = noise;
        int d = curvatures.Length;
        optimum = new double[d];
        for (int k = 0; k < d; k++)
        {
            double sum = 0;
            for (int i = 0; i < workers; i++) sum += workerOptima[i * d + k];
            optimum[k] = sum / workers;
        }
        double optimal = 0;
        for (int i = 0; i < workers; i++)
            for (int k = 0; k < d; k++)
            {
                double deviation = workerOptima[i * d + k] - optimum[k];
                optimal += 0.5 * curvatures[k] * deviation * deviation;
            }
        OptimalValue = optimal / workers;
    }

    /// <summary>Builds the problem from N explicit worker optima x*_i (each of length d).</summary>
    public static HeterogeneousQuadratics WithOptima(IReadOnlyList<double> curvatures, IReadOnlyList<IReadOnlyList<double>> optima, double noise)
    {
        double[] a = CheckCurvatures(curvatures);
        ProblemParameterException.RequireNonNegative("problem.noise", noise);
        if (optima.Count == 0) throw new ProblemParameterException("problem.optima", "[]", "a non-empty list of worker optima, one per worker");
        int d = a.Length;
        var flat = new double[optima.Count * d];
        for (int i = 0; i < optima.Count; i++)
        {
            if (optima[i].Count != d)
                throw new ProblemParameterException($"problem.optima[{i}]", $"a vector of length {optima[i].Count}", $"a vector of length {d} (the number of curvatures)");
            for (int k = 0; k < d; k++)
            {
                ProblemParameterException.RequireFinite($"problem.optima[{i}][{k}]", optima[i][k]);
                flat[i * d + k] = optima[i][k];
            }
        }
        return new HeterogeneousQuadratics(a, flat, optima.Count, noise, null, null, null);
    }

    /// <summary>
    /// Generates N worker optima <c>x*_i = c + ζ u_i</c> with <c>u_i</c> a uniform random unit direction
    /// (a normalised standard Gaussian vector from the data seed), center c (default 0) and spread ζ ≥ 0.
    /// The mean optimum is <c>c + ζ·mean(u_i)</c>, not c itself.
    /// </summary>
    public static HeterogeneousQuadratics Generated(IReadOnlyList<double> curvatures, int workers, double spread, double noise, ulong dataSeed, IReadOnlyList<double>? center = null)
    {
        double[] a = CheckCurvatures(curvatures);
        ProblemParameterException.RequireAtLeast("problem.workers", workers, 1);
        if ((long)workers * a.Length > MaximumOptimumEntries)
            throw new ProblemParameterException("problem.curvatures", $"a list of {a.Length} numbers", CurvatureCountRange(workers));
        ProblemParameterException.RequireNonNegative("problem.spread", spread);
        ProblemParameterException.RequireNonNegative("problem.noise", noise);
        int d = a.Length;
        var c = new double[d];
        if (center is not null)
        {
            if (center.Count != d)
                throw new ProblemParameterException("problem.center", $"a vector of length {center.Count}", $"a vector of length {d} (the number of curvatures)");
            for (int k = 0; k < d; k++)
            {
                ProblemParameterException.RequireFinite($"problem.center[{k}]", center[k]);
                c[k] = center[k];
            }
        }
        double[] directions = SyntheticData.GaussianMatrix(dataSeed, DirectionPurpose, workers, d);
        var flat = new double[workers * d];
        for (int i = 0; i < workers; i++)
        {
            double norm = 0;
            for (int k = 0; k < d; k++) norm += directions[i * d + k] * directions[i * d + k];
            norm = Math.Sqrt(norm);
            for (int k = 0; k < d; k++) flat[i * d + k] = c[k] + spread * directions[i * d + k] / norm;
        }
        return new HeterogeneousQuadratics(a, flat, workers, noise, c, spread, dataSeed);
    }

    private static double[] CheckCurvatures(IReadOnlyList<double> curvatures)
    {
        if (curvatures.Count == 0) throw new ProblemParameterException("problem.curvatures", "[]", "a non-empty list of positive numbers");
        for (int k = 0; k < curvatures.Count; k++) ProblemParameterException.RequirePositive($"problem.curvatures[{k}]", curvatures[k]);
        return curvatures.ToArray();
    }

    /// <summary>N, the number of workers the problem is defined for.</summary>
    public int Workers { get; }

    /// <summary>σ, the additive noise per coordinate.</summary>
    public double Noise { get; }

    /// <summary>Curvatures a_k, shared by every worker.</summary>
    public IReadOnlyList<double> Curvatures => curvatures;

    /// <summary>x*_i, the minimiser of worker i's objective.</summary>
    public ReadOnlySpan<double> WorkerOptimum(int worker) => workerOptima.AsSpan(worker * Dimension, Dimension);

    /// <summary>
    /// Throws <see cref="ProblemParameterException"/> (field <c>workers</c>) unless a run uses exactly the N workers
    /// the problem was built for; with another count F would no longer be the mean of the workers' objectives.
    /// </summary>
    public void RequireWorkerCount(int workers)
    {
        if (workers != Workers)
            throw new ProblemParameterException("workers", workers.ToString(CultureInfo.InvariantCulture),
                $"exactly {Workers}, the number of worker optima of the heterogeneous-quadratics problem");
    }

    /// <summary>F_i(x) = Σ_k (a_k/2)(x_k − x*_{i,k})².</summary>
    public double WorkerValue(int worker, ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> target = WorkerOptimum(worker);
        double sum = 0;
        for (int k = 0; k < curvatures.Length; k++)
        {
            double deviation = x[k] - target[k];
            sum += 0.5 * curvatures[k] * deviation * deviation;
        }
        return sum;
    }

    /// <summary>∇F_i(x) = a ⊙ (x − x*_i).</summary>
    public void WorkerGradient(int worker, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ReadOnlySpan<double> target = WorkerOptimum(worker);
        for (int k = 0; k < curvatures.Length; k++) gradient[k] = curvatures[k] * (x[k] - target[k]);
    }

    /// <inheritdoc/>
    public string Family => "heterogeneous-quadratics";

    /// <inheritdoc/>
    public int Dimension => curvatures.Length;

    /// <inheritdoc/>
    public double OptimalValue { get; }

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum => optimum;

    /// <inheritdoc/>
    public double? StrongConvexity => curvatures.Min();

    /// <inheritdoc/>
    public double? Smoothness => curvatures.Max();

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters
    {
        get
        {
            var parameters = new Dictionary<string, object>
            {
                ["curvatures"] = curvatures.ToArray(),
                ["workers"] = Workers,
                ["noise"] = Noise,
            };
            if (dataSeed is ulong seed)
            {
                parameters["spread"] = spread ?? 0;
                parameters["data_seed"] = seed.ToString(CultureInfo.InvariantCulture);
                parameters["center"] = center!.ToArray();
            }
            else
            {
                parameters["optima"] = Enumerable.Range(0, Workers).Select(i => WorkerOptimum(i).ToArray()).ToArray();
            }
            return parameters;
        }
    }

    /// <summary>F(x) = (1/N) Σ_i F_i(x), by the definition.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i < Workers; i++) sum += WorkerValue(i, x);
        return sum / Workers;
    }

    /// <summary>F(x) − F* = Σ_k (a_k/2)(x_k − x*_k)², the exact identity above (no cancellation against F*).</summary>
    public double Error(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int k = 0; k < curvatures.Length; k++)
        {
            double deviation = x[k] - optimum[k];
            sum += 0.5 * curvatures[k] * deviation * deviation;
        }
        return sum;
    }

    /// <summary>∇F(x) = a ⊙ (x − x*).</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        for (int k = 0; k < curvatures.Length; k++) gradient[k] = curvatures[k] * (x[k] - optimum[k]);
    }

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(HeterogeneousQuadratics problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);
        private readonly double[] draws = new double[problem.Dimension];

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            if ((uint)address.Worker >= (uint)problem.Workers)
                throw new ProblemParameterException("workers", $"worker index {address.Worker}",
                    $"indices 0..{problem.Workers - 1}: the heterogeneous-quadratics problem has {problem.Workers} workers");
            additive.FillNormals(address, draws);
            problem.WorkerGradient(address.Worker, x, gradient);
            double sigma = problem.Noise;
            for (int k = 0; k < draws.Length; k++) gradient[k] += sigma * draws[k];
        }
    }
}
