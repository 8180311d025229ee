using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Problems;

/// <summary>
/// The 1-D smooth function <c>f(x) = x²/2 + ln(1 + eˣ)</c>: twice differentiable, μ = 1, L = 1.25.
/// One-shot averaging should be asymptotically optimal on it (Spiridonoff et al., NeurIPS 2021, abstract).
/// x* solves <c>x + 1/(1 + e^{−x}) = 0</c> (x* ≈ −0.4046), found by Newton's method.
/// </summary>
public sealed class SmoothFunction : ScalarProblem
{
    /// <summary>Builds f with gradient noise σ ≥ 0.</summary>
    public SmoothFunction(double noise) : base(noise)
    {
        double x = 0;
        // f' is increasing with f'' in [1, 1.25], so Newton converges from 0 in a handful of steps.
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double step = DerivativeAt(x) / SecondDerivativeAt(x);
            x -= step;
            if (Math.Abs(step) < 1e-17) break;
        }
        Minimizer = x;
        OptimalValue = ValueAt(x);
    }

    /// <summary>x*.</summary>
    public double Minimizer { get; }

    /// <inheritdoc/>
    public override string Family => "smooth";

    /// <inheritdoc/>
    public override double ValueAt(double x) => 0.5 * x * x + Softplus(x);

    /// <inheritdoc/>
    public override double DerivativeAt(double x) => x + Logistic(x);

    /// <summary>f''(x) = 1 + σ(x)(1 − σ(x)).</summary>
    public static double SecondDerivativeAt(double x)
    {
        double s = Logistic(x);
        return 1 + s * (1 - s);
    }

    /// <inheritdoc/>
    public override double OptimalValue { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<double>? Optimum => [Minimizer];

    /// <inheritdoc/>
    public override double? StrongConvexity => 1.0;

    /// <inheritdoc/>
    public override double? Smoothness => 1.25;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Parameters => new Dictionary<string, object> { ["noise"] = Noise };

    /// <summary>
    /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^{−|x|}), without overflow. Uses the suite's portable <see cref="PortableMath.Exp"/>
    /// and <see cref="PortableMath.Log"/>, so the value is the same bits on every machine.
    /// </summary>
    public static double Softplus(double x) => Math.Max(x, 0) + PortableMath.Log(1 + PortableMath.Exp(-Math.Abs(x)));

    /// <summary>
    /// σ(x) = 1/(1 + e^{−x}) without overflow: with e = e^{−|x|}, σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) otherwise.
    /// e comes from <see cref="PortableMath.Exp"/> (not <see cref="Math.Exp(double)"/>, which no runtime promises to
    /// round alike everywhere), so the simulator's AVX-512 kernel can evaluate the same operations on eight lanes and
    /// match this oracle bit for bit (<c>ScalarProblemKernel</c>).
    /// </summary>
    public static double Logistic(double x)
    {
        double e = PortableMath.Exp(-Math.Abs(x));
        return (x >= 0 ? 1.0 : e) / (1 + e);
    }
}
