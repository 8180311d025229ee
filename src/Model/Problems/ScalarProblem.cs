using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// A one-dimensional objective f with the oracle <c>g = f'(x) + σ·N(0, 1)</c> used by Spiridonoff et al.'s
/// speed-up experiments (claims.md §2). Subclasses give f, f' and their constants.
/// </summary>
public abstract class ScalarProblem : IProblem
{
    /// <summary>Checks and stores the noise level σ ≥ 0.</summary>
    protected ScalarProblem(double noise)
    {
        ProblemParameterException.RequireNonNegative("problem.noise", noise);
        Noise = noise;
    }

    /// <summary>Standard deviation σ of the additive gradient noise.</summary>
    public double Noise { get; }

    /// <summary>f(x).</summary>
    public abstract double ValueAt(double x);

    /// <summary>f'(x).</summary>
    public abstract double DerivativeAt(double x);

    /// <inheritdoc/>
    public abstract string Family { get; }

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public abstract double OptimalValue { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<double>? Optimum { get; }

    /// <inheritdoc/>
    public abstract double? StrongConvexity { get; }

    /// <inheritdoc/>
    public abstract double? Smoothness { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Observable> Observables => [];

    /// <inheritdoc/>
    public abstract IReadOnlyDictionary<string, object> Parameters { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x) => ValueAt(x[0]);

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => gradient[0] = DerivativeAt(x[0]);

    /// <inheritdoc/>
    public IGradientOracle CreateOracle(ulong seed) => new Oracle(this, seed);

    private sealed class Oracle(ScalarProblem problem, ulong seed) : IGradientOracle
    {
        private readonly CounterBasedRandom additive = new(seed, NoiseStreams.GradientNoise);

        public void StochasticGradient(ReadOnlySpan<double> x, NoiseAddress address, Span<double> gradient)
            => gradient[0] = problem.DerivativeAt(x[0]) + problem.Noise * ScalarProblemNoise.Normal(additive, address);
    }
}
