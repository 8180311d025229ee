using LocalSgdVerify.Model;

namespace LocalSgdVerify.Checks.Claims.PatelDieuleveut;

/// <summary>
/// Closed forms for Patel and Dieuleveut's propositions on a scalar quadratic F(w) = μ(w − w*)²/2 with additive
/// noise of variance σ² per worker and step (claims.md §4 P1–P2, derived). With b = 1 − ημ and constant η, the
/// averaged iterate obeys x̄_{t+1} − w* = b(x̄_t − w*) − η·mean_i ξ_i whatever the schedule, so
/// <c>E(x̄_t − w*)² = b^{2t}(w0 − w*)² + (η²σ²/P)(1 − b^{2t})/(1 − b²)</c>; a worker s steps after its last averaging
/// carries the extra <c>(1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²)</c> (its own noise since the average, minus the share the
/// average keeps). Sums 1 − b^{2t} are computed with expm1 so they keep their digits when ημ is small.
/// </summary>
public static class PatelDieuleveutTheory
{
    /// <summary>(1 − b^{2t})/(1 − b²) = Σ_{j&lt;t} b^{2j}, the geometric sum of the noise's decayed weights (t when b² = 1).</summary>
    public static double GeometricSum(double contraction, int steps)
    {
        ProblemParameterException.RequireAtLeast("steps", steps, 0);
        double logSquare = 2 * Math.Log(Math.Abs(contraction));
        if (contraction == 0) return steps == 0 ? 0 : 1;
        if (logSquare == 0) return steps;
        return double.ExpM1(steps * logSquare) / double.ExpM1(logSquare);
    }

    /// <summary>
    /// E(x̄_t − w*)² = b^{2t}(w0 − w*)² + (η²σ²/P)(1 − b^{2t})/(1 − b²), b = 1 − ημ, for every communication schedule
    /// (the recursion of x̄ does not see the averaging).
    /// </summary>
    public static double AverageMeanSquaredError(int steps, double stepSize, double curvature, double noise, int workers, double initialGap)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        double b = 1 - stepSize * curvature;
        double bias = Math.Pow(b * b, steps) * initialGap * initialGap;
        return bias + stepSize * stepSize * noise * noise / workers * GeometricSum(b, steps);
    }

    /// <summary>
    /// The long-term reduced variance, the t → ∞ limit of <see cref="AverageMeanSquaredError"/>:
    /// η²σ²/(P(1 − b²)) = ησ²/(Pμ(2 − ημ)); at most ησ²/(Pμ) when ημ ≤ 1.
    /// </summary>
    public static double LongTermReducedVariance(double stepSize, double curvature, double noise, int workers)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        ProblemParameterException.RequirePositive("step_size", stepSize);
        ProblemParameterException.RequirePositive("curvature", curvature);
        return stepSize * noise * noise / (workers * curvature * (2 - stepSize * curvature));
    }

    /// <summary>Patel and Dieuleveut's bound on the long-term reduced variance: ησ²/(Pμ).</summary>
    public static double LongTermVarianceBound(double stepSize, double curvature, double noise, int workers)
        => stepSize * noise * noise / (workers * curvature);

    /// <summary>
    /// The local iteration variance: E(x_i − w*)² − E(x̄ − w*)² = (1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²) for a worker s
    /// steps after its last averaging. Derivation: with q = E x_i², r = E x_i x_j (i ≠ j), q − r = 0 after averaging and
    /// q − r ← b²(q − r) + η²σ² per local step; and E x_i² − E x̄² = q − (q/P + (1 − 1/P)r) = (1 − 1/P)(q − r).
    /// </summary>
    public static double LocalIterationVariance(int stepsSinceAverage, double stepSize, double curvature, double noise, int workers)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        double b = 1 - stepSize * curvature;
        return (1 - 1.0 / workers) * stepSize * stepSize * noise * noise * GeometricSum(b, stepsSinceAverage);
    }

    /// <summary>
    /// The Polyak–Ruppert limit (claims.md §4 P2): P·T·E|w̄_T − w*|² → σ²/μ² for the averaged iterate with
    /// γ_t = γ0(t + 1)^{−a}, a ∈ (1/2, 1), in the scalar case (the Cramér–Rao-type constant of averaged SGD).
    /// </summary>
    public static double PolyakRuppertLimit(double curvature, double noise)
    {
        ProblemParameterException.RequirePositive("curvature", curvature);
        return noise * noise / (curvature * curvature);
    }

    /// <summary>
    /// The leading-order relative gap of P·T·E|w̄_T − w*|² to σ²/μ²: 0.5·T^{a−1}/(μγ0). Derivation (Abel summation):
    /// μ Σ_t x̄_t = Σ_t (x̄_t − x̄_{t+1})/γ_t − Σ_t ξ̄_t; besides E(Σξ̄)² = Tσ²/P, the boundary term x̄_T/γ_T adds
    /// σ²/(2Pμγ_T) − 2σ²/(Pμγ_T) (its square and its cross term with Σξ̄) and the interior term Σ x̄_t(1/γ_t − 1/γ_{t−1})
    /// adds 2σ²/(Pμγ_T) through its cross term, a net +σ²/(2Pμγ_T); the rest is O(T^{2a−2}) relative.
    /// </summary>
    public static double PolyakRuppertLeadingGap(int steps, double initialStepSize, double exponent, double curvature)
    {
        ProblemParameterException.RequireAtLeast("steps", steps, 1);
        return 0.5 * Math.Pow(steps, exponent - 1) / (curvature * initialStepSize);
    }
}
