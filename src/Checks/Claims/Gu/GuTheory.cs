using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Claims.Gu;

/// <summary>
/// The predicted slow dynamics of Local SGD on the label-noise uv toy (claims.md §4, Gu, Lyu, Huang, Arora,
/// ICLR 2023; derived there for the toy). Near the manifold uv = 1 one step of a worker maps D = u² − v² exactly
/// to D(1 − δ²), δ = η(uv − 1 − ε̄); averaging E δ² over the fast fluctuation of uv − 1 gives the drift
/// <c>dD/dt = −(η²s²/B)·(2/(2 − ηλ))·[1 + (K − 1)ψ_d]·D</c>, λ = √(D² + 4) the sharpness on the manifold,
/// <c>ψ_d = 1 − (1 − b^{2H})/(H(1 − b²))</c>, b = 1 − ηλ. H = 1 is SGD with global batch B = K·B_loc; H → ∞ is a
/// K-times stronger drift. The prediction is for the averaged iterate right after an averaging (where x̄ equals
/// every worker): between averagings D(x̄) differs from the workers' mean D by the spread of the workers.
/// </summary>
public static class GuTheory
{
    /// <summary>Sharpness on the manifold uv = 1 at difference D: λ = u² + v² = √(D² + 4).</summary>
    public static double Sharpness(double difference) => Math.Sqrt(difference * difference + 4);

    /// <summary>
    /// The discrete local factor ψ_d = 1 − (1 − b^{2H})/(H(1 − b²)) with b = 1 − ηλ: one minus the mean over a round
    /// of H steps of b^{2j}, j = 0..H−1, which is how much of the workers' own normal-direction fluctuation has
    /// decorrelated from the shared one. 0 for H = 1 (and whenever b² = 1), tends to 1 as H → ∞ when |b| &lt; 1.
    /// </summary>
    public static double DiscreteLocalFactor(int roundLength, double stepSize, double sharpness)
    {
        ProblemParameterException.RequireAtLeast("round_length", roundLength, 1);
        ProblemParameterException.RequirePositive("step_size", stepSize);
        ProblemParameterException.RequirePositive("sharpness", sharpness);
        double b = 1 - stepSize * sharpness;
        double logSquare = 2 * Math.Log(Math.Abs(b));
        if (b == 0) return 1 - 1.0 / roundLength;
        if (logSquare == 0) return 0;
        // (1 − b^{2H})/(1 − b²) through expm1 keeps the digits when b² is close to 1 (small ηλ).
        double geometric = double.ExpM1(roundLength * logSquare) / double.ExpM1(logSquare);
        return 1 - geometric / roundLength;
    }

    /// <summary>
    /// The continuous local factor of Gu et al.: ψ(x) = (e^{−x} − 1 + x)/x, the limit of
    /// <see cref="DiscreteLocalFactor"/> as η → 0 with x = 2ηHλ fixed (x = ηH(λ_i + λ_j) with λ_i = λ_j = λ).
    /// ψ(0) = 0 and ψ → 1 as x → ∞.
    /// </summary>
    public static double ContinuousLocalFactor(double x)
    {
        ProblemParameterException.RequireNonNegative("x", x);
        if (x == 0) return 0;
        // e^{−x} − 1 + x = x²/2 − x³/6 + ... loses digits for small x; the series is exact enough below 1e-4.
        return x < 1e-4 ? x / 2 - x * x / 6 : (double.ExpM1(-x) + x) / x;
    }

    /// <summary>
    /// The drift rate r in dD/dt = −r·D: <c>r = (η²s²/B)·(2/(2 − ηλ))·[1 + (K − 1)ψ_d(H, η, λ)]</c> with global batch
    /// B = K·B_loc. Needs ηλ &lt; 2 (the stable range of the normal direction). <paramref name="largeRoundMultiple"/>
    /// replaces K in (K − 1)ψ_d when given: the drift multiple over SGD once H ≫ 1/(ηλ) (K in the paper; power tests
    /// plant another).
    /// </summary>
    public static double DriftRate(double stepSize, double labelNoise, int localBatch, int workers, int roundLength, double sharpness,
        double? largeRoundMultiple = null)
    {
        ProblemParameterException.RequirePositive("step_size", stepSize);
        ProblemParameterException.RequireNonNegative("label_noise", labelNoise);
        ProblemParameterException.RequireAtLeast("local_batch", localBatch, 1);
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        if (!(stepSize * sharpness < 2))
            throw new ProblemParameterException("step_size", NumberText.RoundTrip(stepSize),
                $"η·λ < 2 for the normal direction to be stable (λ = {NumberText.RoundTrip(sharpness)})");
        double globalBatch = (double)workers * localBatch;
        double normalFactor = 2 / (2 - stepSize * sharpness);
        double multiple = largeRoundMultiple ?? workers;
        double localFactor = 1 + (multiple - 1) * DiscreteLocalFactor(roundLength, stepSize, sharpness);
        return stepSize * stepSize * labelNoise * labelNoise / globalBatch * normalFactor * localFactor;
    }

    /// <summary>
    /// Integrates the predicted dynamics dD/dt = −r(D, η_t, H_t)·D from D(0) = <paramref name="initialDifference"/>
    /// with a classical Runge–Kutta step of one time unit per SGD step (η and H are held for the step; H_t is the
    /// length of the round that contains step t). Returns D at each requested step (strictly increasing, 0..T).
    /// The rate is of order η²s²/B ≪ 1 per step, so the RK4 error is far below any Monte Carlo resolution.
    /// <paramref name="largeRoundMultiple"/> is passed to <see cref="DriftRate"/>.
    /// </summary>
    public static double[] PredictDifference(double initialDifference, IReadOnlyList<int> outputSteps, Func<int, double> stepSize,
        Func<int, int> roundLength, double labelNoise, int localBatch, int workers, double? largeRoundMultiple = null)
    {
        ProblemParameterException.RequireFinite("initial_difference", initialDifference);
        var values = new double[outputSteps.Count];
        double d = initialDifference;
        int step = 0, next = 0;
        while (next < outputSteps.Count && outputSteps[next] == 0) values[next++] = d;
        int last = outputSteps.Count == 0 ? 0 : outputSteps[^1];
        while (step < last)
        {
            double eta = stepSize(step);
            int h = roundLength(step);
            double Slope(double x) => -DriftRate(eta, labelNoise, localBatch, workers, h, Sharpness(x), largeRoundMultiple) * x;
            double k1 = Slope(d), k2 = Slope(d + 0.5 * k1), k3 = Slope(d + 0.5 * k2), k4 = Slope(d + k3);
            d += (k1 + 2 * k2 + 2 * k3 + k4) / 6;
            step++;
            while (next < outputSteps.Count && outputSteps[next] == step) values[next++] = d;
        }
        if (next != outputSteps.Count)
            throw new ArgumentException("output steps must be strictly increasing and non-negative", nameof(outputSteps));
        return values;
    }

    /// <summary>
    /// The closed-form solution of the predicted dynamics at constant η and H = 1 (SGD): separating variables in
    /// dD/dt = −(2c/(2 − η√(D² + 4)))·D, c = η²s²/B, gives G(D(t)) = G(D0) − c·t with
    /// <c>G(D) = ln D − (η/2)·[√(D² + 4) − 2 ln((2 + √(D² + 4))/D)]</c> (using ∫√(D² + a²)/D dD =
    /// √(D² + a²) − a ln((a + √(D² + a²))/D)). Solved for D &gt; 0 by bisection on the monotone G. An independent
    /// check of <see cref="PredictDifference"/>.
    /// </summary>
    public static double SgdDifferenceClosedForm(double initialDifference, double time, double stepSize, double labelNoise, int globalBatch)
    {
        ProblemParameterException.RequirePositive("initial_difference", initialDifference);
        ProblemParameterException.RequireNonNegative("time", time);
        double c = stepSize * stepSize * labelNoise * labelNoise / globalBatch;
        double G(double d)
        {
            double root = Math.Sqrt(d * d + 4);
            return Math.Log(d) - 0.5 * stepSize * (root - 2 * Math.Log((2 + root) / d));
        }
        double target = G(initialDifference) - c * time;
        double low = 0, high = initialDifference;
        // G is increasing on D > 0 while ηλ < 2, so bisection on [0, D0] converges to the unique root.
        for (int i = 0; i < 200 && high - low > 1e-15 * initialDifference; i++)
        {
            double middle = 0.5 * (low + high);
            if (middle == 0 || G(middle) < target) low = middle; else high = middle;
        }
        return 0.5 * (low + high);
    }

    /// <summary>The start (u0, v0) on the manifold uv = 1 with u0² − v0² = D0: u0² = (D0 + √(D0² + 4))/2, v0 = 1/u0.</summary>
    public static double[] StartOnManifold(double initialDifference)
    {
        ProblemParameterException.RequireFinite("initial_difference", initialDifference);
        double u = Math.Sqrt(0.5 * (initialDifference + Sharpness(initialDifference)));
        return [u, 1 / u];
    }
}
