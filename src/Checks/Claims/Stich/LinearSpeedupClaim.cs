using LocalSgdVerify.Checks.Claims.Spiridonoff;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Stich;

/// <summary>
/// Problem: the separable quadratic with multiplicative noise (a = (1, 2, 3), so μ = 1, L = 3, κ = 3; c = 1 so that
/// communication matters; σ = 0.5; x0 = 1).
/// Algorithm: Stich's Local SGD — period H = ⌊√(T/N)⌋, η_t = 4/(μ(a+t)) with a = max(16κ, H), output the weighted average
/// Σ (a+t)² x̄^t / Σ (a+t)² — for N ∈ {1, 2, 4, …, 32} at a fixed T, against the every-step schedule with the same
/// step sizes and output. Expected errors from the exact engine (claims.md §5), no sampling.
/// Guarantee (Stich, ICLR 2019, Thm 2.2) [recalled, claims.md §4 context]: E F(x̂_T) − F* = O(σ²/(μNT)) + lower-order
/// terms with H = O(√(T/N)), i.e. linear speed-up. Checked as a shape: the slope of log E F(x̂_T) vs log N is −1 within
/// a band, and the error matches the every-step schedule within a factor.
/// </summary>
public sealed class LinearSpeedupClaim : IClaim
{
    /// <summary>
    /// Band for the slope of log E F vs log N: −1 ± 0.15. Why: linear speed-up is slope −1; the recalled bound's other terms
    /// (H²/T² ~ 1/(NT) for the period, a³/T³ for the start) are of the same or lower order, so at a large fixed T the
    /// slope can drift only a little from −1, while a √N speed-up would read −0.5. Fixed before any run.
    /// </summary>
    public const double DefaultSlopeTolerance = 0.15;

    /// <summary>
    /// "Matches every-step": ratio of expected errors ≤ 2 at every N. Why: the bound's communication term with
    /// H = √(T/N) is of the same order as the statistical term, so the theory promises the mini-batch rate up to a constant,
    /// and 2 is the loosest constant that still reads as "the same error".
    /// </summary>
    public const double DefaultRatioBound = 2;

    private readonly double predictedExponent, slopeTolerance, ratioBound;

    /// <summary>The claim as stated: slope −1 ± 0.15, ratio to every-step ≤ 2.</summary>
    public LinearSpeedupClaim() : this(-1, DefaultSlopeTolerance, DefaultRatioBound) { }

    /// <summary>The claim with planted predictions (power tests): exponent of N, its tolerance, the ratio bound.</summary>
    public LinearSpeedupClaim(double predictedExponent, double slopeTolerance, double ratioBound)
    {
        this.predictedExponent = predictedExponent;
        this.slopeTolerance = slopeTolerance;
        this.ratioBound = ratioBound;
    }

    /// <inheritdoc/>
    public string Id => "stich.linear-speedup";

    /// <inheritdoc/>
    public string Title => "Stich's Local SGD (H = ⌊√(T/N)⌋, weighted output) has linear speed-up in N";

    /// <inheritdoc/>
    public string Source => "Stich, \"Local SGD converges fast and communicates little\" (ICLR 2019), Thm 2.2 [recalled, claims.md §4 context]; schedule claims.md §3";

    /// <inheritdoc/>
    public string Statement => "With H = ⌊√(T/N)⌋, η_t = 4/(μ(a+t)), a = max(16κ, H) and the (a+t)²-weighted average, E F(x̂_T) − F* = O(σ²/(μNT)) + lower-order terms: at a fixed large T the error falls like 1/N and matches mini-batch (every-step) SGD.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["F μ-strongly convex and L-smooth (μ = 1, L = 3, κ = 3)", "unbiased gradients; multiplicative noise c = 1", "identical workers", "T large compared with N and a"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static readonly int[] Workers = [1, 2, 4, 8, 16, 32];

    private static int Steps(Profile profile) => profile switch
    {
        Profile.Quick => 10_000,
        Profile.Ci => 100_000,
        _ => 1_000_000,
    };

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new("separable quadratic: a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1", Workers, [Steps(profile)],
        ["stich (H = ⌊√(T/N)⌋)", "every-step"], 0, Assertions: 0,
        Notes: "exact moment recursions with Stich's (a+t)²-weighted output; η_t = 4/(μ(a+t)), a = max(16κ, H)");

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        int steps = Steps(context.Profile);
        var problem = SpiridonoffExperiments.Quadratic();
        double mu = problem.StrongConvexity!.Value, kappa = problem.Smoothness!.Value / mu;
        var local = new double[Workers.Length];
        var synchronous = new double[Workers.Length];
        var periods = new int[Workers.Length];
        for (int n = 0; n < Workers.Length; n++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            periods[n] = StichPeriod.PeriodFor(steps, Workers[n]);
            var stepSize = new StichStepSize(mu, kappa, periods[n]);
            var output = OutputIterate.StichWeighted(stepSize.Shift);
            local[n] = FinalErrors.Expected(context, problem, SpiridonoffExperiments.QuadraticStart(), stepSize, Workers[n], steps, new StichPeriod(), output);
            synchronous[n] = FinalErrors.Expected(context, problem, SpiridonoffExperiments.QuadraticStart(), stepSize, Workers[n], steps, new EveryStep(), output);
            context.Report((n + 1.0) / Workers.Length);
        }
        double[] x = Workers.Select(w => (double)w).ToArray();
        // Exact values: only the least-squares slope is used; its interval would measure curvature, not uncertainty.
        var fit = LeastSquares.FitPowerLaw(x, local, 0.95);
        double slopeGap = Math.Abs(fit.Slope - predictedExponent);
        double ratio = local.Zip(synchronous, (a, b) => a / b).Max();
        var assertions = new List<AssertionResult>
        {
            new("slope of log E F(x̂_T) vs log N", slopeGap <= slopeTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("slope", fit.Slope),
                new Prediction($"{Compact(predictedExponent)} (linear speed-up), accepted ±{Compact(slopeTolerance)}", predictedExponent, predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
                slopeTolerance - slopeGap, "exact expected errors; least-squares slope on log–log axes") { Id = "slope" },
            new("largest ratio E F(x̂_T) Stich period / every-step", ratio <= ratioBound ? Verdict.Pass : Verdict.Fail, new Quantity("ratio", ratio),
                new Prediction($"≤ {Compact(ratioBound)} (matches mini-batch SGD)", null, null, ratioBound), ratioBound - ratio, "exact expected errors, same step sizes and output") { Id = "ratio-to-every-step" },
        };
        var figure = new Figure("stich-linear-speedup", $"E F(x̂_T) vs N at T = {steps}, Stich's schedule and weighted output (exact)",
            new Axis("N (workers)", Logarithmic: true), new Axis("E F(x̂_T) − F*", Logarithmic: true),
            [new FigureSeries("Stich: H = ⌊√(T/N)⌋", x, local), new FigureSeries("every-step (mini-batch)", x, synchronous)],
            [new ReferenceLine($"slope {Compact(predictedExponent)} through N = 1", predictedExponent, local[0])]);
        string evidence = $"T = {steps}, N = {string.Join(", ", Workers)} (H = {string.Join(", ", periods)}): E F(x̂_T) = {string.Join(", ", local.Select(Compact))}; " +
            $"every-step {string.Join(", ", synchronous.Select(Compact))}. Slope of log E vs log N = {Compact(fit.Slope)}; largest ratio to every-step {Compact(ratio)}; " +
            $"N·T·E F ranges over {Compact(local.Select((e, n) => e * Workers[n] * steps).Min())}–{Compact(local.Select((e, n) => e * Workers[n] * steps).Max())}.";
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("slope of log E F vs log N", fit.Slope),
            new Prediction($"{Compact(predictedExponent)} ± {Compact(slopeTolerance)}; ratio to every-step ≤ {Compact(ratioBound)}", predictedExponent,
                predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
            slopeTolerance - slopeGap, assertions, [evidence], [figure], 0);
    }
}
