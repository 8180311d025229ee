namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// The 1-D kink function <c>f(x) = μx²</c> for x ≥ 0 and <c>(μ/2)x²</c> for x &lt; 0; x* = 0, F* = 0,
/// strongly convex with μ and smooth with L = 2μ. Its second derivative jumps at x*, so one-shot averaging
/// stays biased and communication matters. Source: Spiridonoff et al. (NeurIPS 2021), speed-up experiment
/// code (μ = 1, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/2)).
/// </summary>
public sealed class KinkFunction : ScalarProblem
{
    /// <summary>Builds f with curvature μ &gt; 0 and gradient noise σ ≥ 0.</summary>
    public KinkFunction(double curvature, double noise) : base(noise)
    {
        ProblemParameterException.RequirePositive("problem.curvature", curvature);
        Curvature = curvature;
    }

    /// <summary>μ: f = μx² on the right of the kink, (μ/2)x² on the left.</summary>
    public double Curvature { get; }

    /// <inheritdoc/>
    public override string Family => "kink";

    /// <inheritdoc/>
    public override double ValueAt(double x) => x >= 0 ? Curvature * x * x : 0.5 * Curvature * x * x;

    /// <inheritdoc/>
    public override double DerivativeAt(double x) => x >= 0 ? 2 * Curvature * x : Curvature * x;

    /// <inheritdoc/>
    public override double OptimalValue => 0;

    /// <inheritdoc/>
    public override IReadOnlyList<double>? Optimum => [0.0];

    /// <inheritdoc/>
    public override double? StrongConvexity => Curvature;

    /// <inheritdoc/>
    public override double? Smoothness => 2 * Curvature;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object>
    {
        ["curvature"] = Curvature,
        ["noise"] = Noise,
    };
}
