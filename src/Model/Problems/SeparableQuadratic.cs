using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// Separable quadratic with multiplicative and additive Gaussian noise (claims.md §2):
/// <c>F(x) = Σ_k (a_k/2) x_k²</c>, <c>g_k = a_k x_k (1 + z_k) + s_k</c>, <c>z_k ~ N(0, c²)</c>,
/// <c>s_k ~ N(0, σ²)</c> independent per coordinate, worker and step; x* = 0, F* = 0.
/// c = 0 is the additive case, where every communication schedule gives the same path of x̄.
/// Source: Spiridonoff, Olshevsky, Paschalidis (NeurIPS 2021), §4.1 experiment code (d = 3, a = (1,2,3), c = 1, σ = 0.5).
/// </summary>
public sealed class SeparableQuadratic : IProblem
{
    private readonly double[] curvatures;

    /// <summary>Builds the problem; curvatures a_k must be positive, noise levels non-negative.</summary>
    public SeparableQuadratic(IReadOnlyList<double> curvatures, double multiplicativeNoise, double additiveNoise)
    {
        if (curvatures.Count == 0) throw new ProblemParameterException("problem.curvatures", "[]", "a non-empty list of positive numbers");
        for (int k = 0; k < curvatures.Count; k++)
            ProblemParameterException.RequirePositive($"problem.curvatures[{k}]", curvatures[k]);
        ProblemParameterException.RequireNonNegative("problem.multiplicative_noise", multiplicativeNoise);
        ProblemParameterException.RequireNonNegative("problem.additive_noise", additiveNoise);
        this.curvatures = curvatures.ToArray();
        MultiplicativeNoise = multiplicativeNoise;
        AdditiveNoise = additiveNoise;
        Optimum = new double[this.curvatures.Length];
    }

    /// <summary>Curvatures a_k (the eigenvalues of the diagonal Hessian).</summary>
    public IReadOnlyList<double> Curvatures => curvatures;

    /// <summary>Standard deviation c of the multiplicative noise z.</summary>
    public double MultiplicativeNoise { get; }

    /// <summary>Standard deviation σ of the additive noise s.</summary>
    public double AdditiveNoise { get; }

    /// <inheritdoc/>
    public string Family => "separable-quadratic";

    /// <inheritdoc/>
    public int Dimension => curvatures.Length;

    /// <inheritdoc/>
    public double OptimalValue => 0;

    /// <inheritdoc/>
    public IReadOnlyList<double>? Optimum { get; }

    /// <inheritdoc/>
    public double? StrongConvexity => curvatures.Min();

    /// <inheritdoc/>
    public double? Smoothness => curvatures.Max();

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["curvatures"] = curvatures.ToArray(),
        ["multiplicative_noise"] = MultiplicativeNoise,
        ["additive_noise"] = AdditiveNoise,
    };

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int k = 0; k < curvatures.Length; k++) sum += 0.5 * curvatures[k] * x[k] * x[k];
        return sum;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        for (int k = 0; k < curvatures.Length; k++) gradient[k] = curvatures[k] * x[k];
    }

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(SeparableQuadratic problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);
        private readonly CounterBasedRandom multiplicative = new(seed, NoiseStreams.MultiplicativeNoise);
        private readonly double[] additiveDraws = new double[problem.Dimension];
        private readonly double[] multiplicativeDraws = new double[problem.Dimension];

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            double[] a = problem.curvatures;
            double c = problem.MultiplicativeNoise, sigma = problem.AdditiveNoise;
            additive.FillNormals(address, additiveDraws);
            if (c != 0)
            {
                multiplicative.FillNormals(address, multiplicativeDraws);
                // The operation order a·x·(1 + c·z) + σ·s is the contract the fast kernels reproduce bit for bit.
                for (int k = 0; k < a.Length; k++)
                    gradient[k] = a[k] * x[k] * (1.0 + c * multiplicativeDraws[k]) + sigma * additiveDraws[k];
            }
            else
            {
                for (int k = 0; k < a.Length; k++)
                    gradient[k] = a[k] * x[k] + sigma * additiveDraws[k];
            }
        }
    }
}
