using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// Problem: the §4.1 separable quadratic with multiplicative noise (d = 3, a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1,
/// η_t = α/(t+1) with α = 3, N = 20) [code].
/// Algorithm: Local SGD with every-step, one-shot, increasing intervals (R = N), constant rounds (R = N) and a constant
/// period H = 10; exact expected errors from the moment recursions (claims.md §5).
/// Guarantee [derived, claims.md §4]: for η_t = α/(t+β), N·T·E F(x̄^T) → C = (α²σ²/2) Σ_k a_k/(2α a_k − 1) for every
/// schedule (needs 2α a_k &gt; 1). Derivation: with c = 0, v = E x̄_k² follows v_{t+1} = (1 − η_t a)² v_t + η_t²σ²/N whatever
/// the schedule; v_t ≈ C_k/t matched at order 1/t² gives C_k (2αa − 1) = α²σ²/N; multiplicative noise adds O(1/t³) terms.
/// Checked as the convergence of N·T·E F towards C: the relative gap at the largest T is below a stated tolerance and
/// the gap shrinks at every step of the T grid.
/// </summary>
public sealed class AsymptoticConstantClaim : IClaim
{
    /// <summary>
    /// Relative gap |N·T·E F − C|/C accepted at the largest T: 1e-3. Why: the leading correction to v_t ≈ C/t is of relative
    /// order (α a_max)²/T (the second-order terms of Π (1 − α a/(s+1))², a_max = 3, α = 3, so 81/T), which is 3.2e-4 at
    /// T = 256 000, the smallest largest-T of the profiles; 1e-3 leaves room for the schedule-dependent transients.
    /// </summary>
    public const double DefaultTolerance = 1e-3;

    private readonly double? plantedConstant;
    private readonly double tolerance;

    /// <summary>The claim as stated: the derived constant, tolerance 1e-3.</summary>
    public AsymptoticConstantClaim() : this(null, DefaultTolerance) { }

    /// <summary>The claim with a planted constant (power tests use 2× the derived one) and tolerance; null = the derived constant.</summary>
    public AsymptoticConstantClaim(double? predictedConstant, double tolerance)
    {
        plantedConstant = predictedConstant;
        this.tolerance = tolerance;
    }

    /// <inheritdoc/>
    public string Id => "spiridonoff.asymptotic-constant";

    /// <inheritdoc/>
    public string Title => "N·T·E F(x̄^T) tends to (α²σ²/2) Σ a_k/(2α a_k − 1) for every schedule";

    /// <inheritdoc/>
    public string Source => "claims.md §4, Spiridonoff et al. setting [derived]; §4.1 parameters [code]; exact moments claims.md §5";

    /// <inheritdoc/>
    public string Statement => "On the separable quadratic with η_t = α/(t+β) (2α a_k > 1), N·T·E F(x̄^T) → (α²σ²/2) Σ_k a_k/(2α a_k − 1) for every communication schedule, with or without multiplicative noise.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["separable quadratic, a = (1, 2, 3)", "η_t = 3/(t+1), so 2α a_k ≥ 6 > 1", "multiplicative noise c = 1, additive σ = 0.5", "static schedules"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static int[] Horizons(Profile profile) => profile switch
    {
        Profile.Quick => [1000, 4000, 16000, 64000, 256000],
        Profile.Ci => [1000, 4000, 16000, 64000, 256000, 1024000],
        _ => [1000, 4000, 16000, 64000, 256000, 1024000, 4096000],
    };

    private static (string Label, ICommunicationSchedule Schedule)[] Schedules =>
    [
        ("every-step", new EveryStep()), ("one-shot", new OneShot()),
        (SpiridonoffExperiments.IncreasingLabel, SpiridonoffExperiments.IncreasingWithRoundsPower(1)),
        ("constant rounds, R = N", new ConstantRounds(RoundCount.PowerOfWorkers(1))), ("constant period H = 10", new ConstantPeriod(10)),
    ];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new(SpiridonoffExperiments.QuadraticSetting,
        [SpiridonoffExperiments.QuadraticWorkers], Horizons(profile), Schedules.Select(s => s.Label).ToArray(), 0, Assertions: 0,
        Notes: "exact moment recursions: N·T·E F(x̄^T) against the derived constant, per schedule and horizon");

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        int workers = SpiridonoffExperiments.QuadraticWorkers;
        int[] horizons = Horizons(context.Profile);
        double derived = SpiridonoffExperiments.QuadraticAsymptoticConstant();
        double constant = plantedConstant ?? derived;
        var schedules = Schedules;
        var assertions = new List<AssertionResult>();
        var series = new List<FigureSeries>();
        var gapSeries = new List<FigureSeries>();
        var lastGaps = new List<string>();
        double worst = 0;
        double[] x = horizons.Select(t => (double)t).ToArray();
        for (int s = 0; s < schedules.Length; s++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var scaled = horizons.Select(t => SpiridonoffExperiments.ScaledQuadraticError(context, workers, t, schedules[s].Schedule)).ToArray();
            var gaps = scaled.Select(v => Math.Abs(v - constant) / constant).ToArray();
            assertions.Add(Assertions.ExactlyEqual($"{schedules[s].Label}: N·T·E F(x̄^T) at T = {horizons[^1]}", scaled[^1], constant, tolerance, id: $"limit-{schedules[s].Schedule.Kind}"));
            int increases = Enumerable.Range(1, gaps.Length - 1).Count(i => !(gaps[i] < gaps[i - 1]));
            assertions.Add(new AssertionResult($"{schedules[s].Label}: relative gap to the constant shrinks at every T", increases == 0 ? Verdict.Pass : Verdict.Fail,
                new Quantity("horizons where the gap did not shrink", increases), new Prediction("0 (strictly decreasing)", 0, 0, 0), -increases,
                "exact expected errors", Note: $"gaps {string.Join(", ", gaps.Select(Compact))}") { Id = $"gap-shrinks-{schedules[s].Schedule.Kind}" });
            worst = Math.Max(worst, gaps[^1]);
            lastGaps.Add($"{schedules[s].Label} {Compact(gaps[^1])}");
            series.Add(new FigureSeries(schedules[s].Label, x, scaled));
            gapSeries.Add(new FigureSeries(schedules[s].Label, x, gaps.Select(g => Math.Max(g, 1e-18)).ToArray()));
            context.Report((s + 1.0) / schedules.Length);
        }
        var figures = new[]
        {
            new Figure("asymptotic-constant", "N·T·E F(x̄^T) vs T for several schedules, converging to the derived constant (exact, N = 20)",
                new Axis("T (steps)", Logarithmic: true), new Axis("N·T·E F(x̄^T)"), series, [new ReferenceLine($"C = {Compact(constant)}", 0, constant)]),
            new Figure("asymptotic-constant-gap", "Relative gap |N·T·E F − C| / C vs T (slope −1 = a 1/T correction)",
                new Axis("T (steps)", Logarithmic: true), new Axis("relative gap", Logarithmic: true), gapSeries,
                [new ReferenceLine("tolerance at the largest T", 0, tolerance)]),
        };
        string evidence = $"C = (α²σ²/2) Σ a_k/(2α a_k − 1) = {Compact(derived)} (α = 3, σ = 0.5, a = (1, 2, 3)){(plantedConstant is null ? "" : $"; the prediction under test is {Compact(constant)}")}. " +
            $"Relative gaps at T = {horizons[^1]}: {string.Join("; ", lastGaps)} (tolerance {Compact(tolerance)}).";
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity($"largest relative gap to C at T = {horizons[^1]}", worst),
            new Prediction($"→ 0 (N·T·E F → {Compact(constant)}), accepted ≤ {Compact(tolerance)} and shrinking in T", 0, 0, tolerance),
            tolerance - worst, assertions, [evidence], figures, 0);
    }
}
