using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// The label-noise "uv" toy of Gu, Lyu, Huang, Arora ("Why (and when) does local SGD generalize better than SGD?",
/// ICLR 2023), claims.md §2 and §4 G1: x = (u, v), per-example loss <c>ℓ(u, v; ε) = ½(uv − 1 − ε)²</c> with label
/// noise <c>ε ~ N(0, s²)</c>. A local batch of B_loc examples averages the losses, and its gradient depends on the
/// examples only through the mean label noise <c>ε̄ ~ N(0, s²/B_loc)</c>: <c>g = (uv − 1 − ε̄)(v, u)</c>. The oracle
/// therefore draws one normal scaled by <c>s/√B_loc</c> instead of B_loc of them (same law, cheaper).
/// <para>
/// <c>F(u, v) = E ℓ = ½(uv − 1)² + s²/2</c>, so F* = s²/2 on the whole manifold uv = 1 (no unique minimiser:
/// <see cref="Optimum"/> is null). F is neither strongly convex nor globally smooth: μ and L are null.
/// Observables: the difference <c>D = u² − v²</c>, which one step scales exactly by <c>1 − δ²</c>
/// (δ = η(uv − 1 − ε̄), claims.md §4, derived), and the sharpness <c>u² + v²</c>, the nonzero Hessian eigenvalue
/// on the manifold (equal to √(D² + 4) there).
/// </para>
/// </summary>
public sealed class LabelNoiseUvToy : IProblem
{
    private static readonly Observable[] ToyObservables =
    [
        new("difference", "D = u² − v², shrunk by the factor 1 − δ² at every step", x => x[0] * x[0] - x[1] * x[1]),
        new("sharpness", "u² + v², the largest Hessian eigenvalue on the manifold uv = 1", x => x[0] * x[0] + x[1] * x[1]),
    ];

    /// <summary>Builds the toy with label noise s ≥ 0 and local batch B_loc ≥ 1.</summary>
    public LabelNoiseUvToy(double labelNoise, int localBatch)
    {
        ProblemParameterException.RequireNonNegative("problem.label_noise", labelNoise);
        ProblemParameterException.RequireAtLeast("problem.local_batch", localBatch, 1);
        LabelNoise = labelNoise;
        LocalBatch = localBatch;
        MeanNoiseScale = labelNoise / Math.Sqrt(localBatch);
    }

    /// <summary>s, the standard deviation of one example's label noise.</summary>
    public double LabelNoise { get; }

    /// <summary>B_loc, the examples per local batch.</summary>
    public int LocalBatch { get; }

    /// <summary>s/√B_loc, the standard deviation of the batch's mean label noise ε̄.</summary>
    public double MeanNoiseScale { get; }

    /// <inheritdoc/>
    public string Family => "label-noise-uv";

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <summary>F* = s²/2.</summary>
    public double OptimalValue => 0.5 * LabelNoise * LabelNoise;

    /// <summary>Null: the minimisers form the manifold uv = 1.</summary>
    public IReadOnlyList<double>? Optimum => null;

    /// <inheritdoc/>
    public double? StrongConvexity => null;

    /// <inheritdoc/>
    public double? Smoothness => null;

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => ToyObservables;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["label_noise"] = LabelNoise,
        ["local_batch"] = LocalBatch,
    };

    /// <summary>F(u, v) = ½(uv − 1)² + s²/2.</summary>
    public double Value(ReadOnlySpan<double> x) => Error(x) + OptimalValue;

    /// <summary>F − F* = ½(uv − 1)², without the s²/2 that would cancel.</summary>
    public double Error(ReadOnlySpan<double> x)
    {
        double residual = x[0] * x[1] - 1;
        return 0.5 * residual * residual;
    }

    /// <summary>∇F = (uv − 1)(v, u).</summary>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double residual = x[0] * x[1] - 1;
        gradient[0] = residual * x[1];
        gradient[1] = residual * x[0];
    }

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(LabelNoiseUvToy problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
        {
            double meanNoise = problem.MeanNoiseScale * additive.Normal(address, 0);
            double u = x[0], v = x[1];
            double residual = u * v - 1 - meanNoise;
            gradient[0] = residual * v;
            gradient[1] = residual * u;
        }
    }
}
