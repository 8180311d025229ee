using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using Interval = LocalSgdVerify.Checks.Statistics.Interval;
using LeastSquares = LocalSgdVerify.Checks.Statistics.LeastSquares;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// Problem: the kink function f = x² (x ≥ 0), x²/2 (x &lt; 0) — strongly convex (μ = 1) and L-smooth (L = 2) but not
/// quadratic — with σ = 8, x0 = 2, η_t = min(2/(t+1), 1/2) [code].
/// Algorithm: Local SGD with increasing intervals and R = N rounds (R independent of T), against synchronous SGD
/// (I = {1..T}) under common random numbers.
/// Guarantee (Spiridonoff et al., NeurIPS 2021, S1) [abstract; bound shape recalled]: E f(x̄^T) − f* =
/// O(κσ²/(μNT)) + O(κ²σ²/(μRT)) + faster terms, so with R = N fixed, N·T·E f(x̄^T) stays flat as T grows, and the error
/// is close to synchronous SGD's. Checked by Monte Carlo at T0, 4T0, 16T0 as a scaling claim: the slope of
/// log(N·T·E f) against log T lies in the flat band, and the paired ratio to synchronous SGD at 16T0 is below a factor.
/// </summary>
public sealed class S1MonteCarloClaim : IClaim
{
    /// <summary>
    /// Flat band for the slope of log(N·T·E f) vs log T: |slope| ≤ 0.1. Why: the recalled bound has no log factor and all
    /// its leading terms are ∝ 1/T when R does not grow with T, so the limit slope is 0; constant intervals' extra log T
    /// would show as a slope of 1/ln T ≈ 0.13–0.2 over T ≈ 10²–10⁴, and any wrong power of T (e.g. error ∝ T^{−1/2}) as
    /// ±0.5, so 0.1 separates "flat" from both while leaving room for the faster-decaying terms at T0.
    /// </summary>
    public const double DefaultSlopeTolerance = 0.1;

    /// <summary>
    /// "Close to synchronous SGD": E f(x̄^T) under R = N increasing intervals at most 2× synchronous SGD's. Why: with R = N
    /// the bound's communication term O(κ²σ²/(μRT)) is of the same order as the statistical term O(κσ²/(μNT)) (with an
    /// extra κ = 2 on the kink), so the theory allows a constant factor, not equality; 2 is the loosest factor that still
    /// reads as "the same error", and it is fixed before any run.
    /// </summary>
    public const double DefaultRatioBound = 2;

    private readonly double predictedExponent, slopeTolerance, ratioBound;
    private readonly ICommunicationSchedule schedule;
    private readonly string scheduleLabel;

    /// <summary>The claim as stated: R = N increasing intervals, slope 0 ± 0.1, ratio to synchronous SGD ≤ 2.</summary>
    public S1MonteCarloClaim() : this(0, DefaultSlopeTolerance, DefaultRatioBound) { }

    /// <summary>
    /// The claim with planted predictions: the exponent of T in N·T·E f (0 = flat), its tolerance, the bound on the ratio to
    /// synchronous SGD and optionally another schedule under the label "R = N" (a power test plants wrong ones).
    /// </summary>
    public S1MonteCarloClaim(double predictedExponent, double slopeTolerance, double ratioBound, ICommunicationSchedule? schedule = null, string? scheduleLabel = null)
    {
        this.predictedExponent = predictedExponent;
        this.slopeTolerance = slopeTolerance;
        this.ratioBound = ratioBound;
        this.schedule = schedule ?? SpiridonoffExperiments.IncreasingWithRoundsPower(1);
        this.scheduleLabel = scheduleLabel ?? SpiridonoffExperiments.IncreasingLabel;
    }

    /// <summary>
    /// The theorem's space on the kink family (claims.md §4a, S1): μ ∈ {0.5, 1, 2}, σ ∈ {2, ..., 16}, x0 ∈ {1, 2, 4},
    /// η_t = min(α/(t + 1), 1/L) with αμ ≥ 1, N ∈ {4, 8, 16}, T ∈ {100, 400, 1600}, increasing intervals with R = N.
    /// </summary>
    public static AssumptionSpace<KinkSetting> Space { get; } = new(
        from curvature in Gen.Elements(0.5, 1.0, 2.0)
        from noise in Gen.Elements(2.0, 4.0, 8.0, 16.0)
        from start in Gen.Elements(1.0, 2.0, 4.0)
        from alpha in Gen.Elements(1.0, 2.0, 3.0)
        from workers in Gen.Elements(4, 8, 16)
        from steps in Gen.Elements(100, 400, 1600)
        select new KinkSetting(curvature, noise, start, alpha, workers, steps),
        c => c.Shrink(),
        c => c.Alpha * c.Curvature >= 1,
        c => c.ToString(),
        [
            new Hypothesis("f μ-strongly convex and L-smooth, not quadratic: the kink function, μ ∈ {0.5, 1, 2}, L = 2μ", "claims.md §2 and §4a, S1 [code]"),
            new Hypothesis("unbiased gradients with bounded variance σ² (σ ∈ {2, 4, 8, 16}); x0 ∈ {1, 2, 4}", "claims.md §4a, S1 [recalled]"),
            new Hypothesis("η_t = min(α/(t + 1), 1/L) with αμ ≥ 1 (α large enough)", "claims.md §4a, S1 [recalled]"),
            new Hypothesis("increasing intervals with R = N, N ∈ {4, 8, 16}, T ∈ {100, 400, 1600}; identical workers", "claims.md §3 and §4a, S1 [abstract, code]"),
        ]);

    /// <summary>Kink configurations explored for the ratio to every-step: quick 2, ci 3, full 12.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 2,
        Profile.Ci => 3,
        _ => 12,
    };

    /// <inheritdoc/>
    public string Id => "spiridonoff.S1-monte-carlo";

    /// <inheritdoc/>
    public string Title => "Increasing intervals with R = N: N·T·error stays flat in T on a non-quadratic problem";

    /// <inheritdoc/>
    public string Source => "Spiridonoff, Olshevsky, Paschalidis (NeurIPS 2021), S1 [abstract]; bound shape O(1/(NT)) + O(1/(RT)) [recalled]; kink setting [code]";

    /// <inheritdoc/>
    public string Statement => "With increasing communication intervals and R = N rounds (independent of T), E f(x̄^T) − f* ∝ 1/(NT): N·T·E f(x̄^T) stays flat as T grows 4× and 16×, and the error is within a constant factor of synchronous SGD.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["f μ-strongly convex and L-smooth (kink: μ = 1, L = 2)", "unbiased gradients with bounded variance (σ = 8)", "η_t = min(2/(t+1), 1/2) ~ α/(μt)", "identical workers, R = N rounds"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static (int Workers, int BaseSteps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (4, 50, 4000),
        Profile.Ci => (8, 100, 6000),
        _ => (20, 250, 20000),
    };

    private static int[] Horizons(int baseSteps) => [baseSteps, 4 * baseSteps, 16 * baseSteps];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, baseSteps, replicates) = Size(profile);
        return new ClaimDesign(SpiridonoffExperiments.KinkSetting, [workers], Horizons(baseSteps),
            [scheduleLabel, "every-step"], replicates, Assertions: 2 + Configurations(profile),
            Notes: $"independent seeds per T for the slope fit; every-step paired with the schedule at 16T0 for the ratio; {Configurations(profile)} kink configurations drawn from the claim's seed, each one paired ratio assertion");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, baseSteps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problem = SpiridonoffExperiments.Kink();
        int[] horizons = Horizons(baseSteps);
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        var samples = new List<double[]>();
        var synchronous = new List<double[]>();
        for (int i = 0; i < horizons.Length; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            // Independent seeds per T keep the three points of the fit independent; every-step shares each T's seed.
            ulong seed = context.SeedFor($"T={horizons[i]}");
            samples.Add(SpiridonoffExperiments.ScalarFinalErrors(context, problem, workers, horizons[i], schedule, replicates, seed));
            synchronous.Add(SpiridonoffExperiments.ScalarFinalErrors(context, problem, workers, horizons[i], new EveryStep(), replicates, seed));
            context.Report((i + 1.0) / horizons.Length);
        }

        double[] x = horizons.Select(t => (double)t).ToArray();
        double[] scale = horizons.Select(t => (double)workers * t).ToArray();
        var (fit, scaled, standardErrors) = LeastSquares.FitPowerLawOfMeans(x, samples, scale, level);
        var slopeDecision = VerdictRules.SlopeEquals(fit.SlopeInterval, predictedExponent, slopeTolerance);
        var slopeAssertion = Assertions.FromInterval("slope of log(N·T·E f(x̄^T)) vs log T", slopeDecision, fit.SlopeInterval, "slope of log(N·T·E f) vs log T",
            new Prediction($"{Compact(predictedExponent)} (flat), accepted |slope − {Compact(predictedExponent)}| ≤ {Compact(slopeTolerance)}", predictedExponent, predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
            alpha, ExperimentDesign.MinimumDetectableSlopeChange(fit, alpha), id: "slope");

        var ratio = PairedComparison.RatioOfMeans(samples[^1], synchronous[^1], level).Interval;
        var ratioDecision = VerdictRules.AtMost(ratio, ratioBound);
        var ratioAssertion = Assertions.FromInterval($"E f(x̄^T) {scheduleLabel} / every-step at T = {horizons[^1]}", ratioDecision, ratio, "ratio of means",
            new Prediction($"≤ {Compact(ratioBound)} (close to synchronous SGD)", null, null, ratioBound), alpha,
            ExperimentDesign.MinimumDetectablePairedRatioChange(samples[^1], synchronous[^1], alpha), id: "ratio-to-every-step");
        var assertions = new List<AssertionResult> { slopeAssertion, ratioAssertion };
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), $"E f(x̄^T) {scheduleLabel} / every-step ≤ {Compact(ratioBound)} (Fieller, paired)",
            c => Measure(context, c, replicates, alpha), shrinkBudget: 4);
        assertions.AddRange(exploration.Explored.Select((e, i) => LawAssertions.FromOutcome($"ratio-at-explored-{i + 1}", $"E f(x̄^T) {scheduleLabel} / every-step at {e.Configuration}",
            e.Outcome, new Prediction($"≤ {Compact(ratioBound)} (close to synchronous SGD)", null, null, ratioBound), alpha)));

        double[] syncScaled = synchronous.Select((s, i) => scale[i] * s.Average()).ToArray();
        double z = CriticalValues.Normal(alpha / 2);
        var figure = new Figure("s1-monte-carlo", "N·T·E f(x̄^T) vs T on the kink function (flat = error ∝ 1/(NT))",
            new Axis("T (steps)", Logarithmic: true), new Axis("N·T·E f(x̄^T)", Logarithmic: true),
            [
                new FigureSeries(scheduleLabel, x, scaled, scaled.Select((m, i) => m - z * standardErrors[i]).ToArray(), scaled.Select((m, i) => m + z * standardErrors[i]).ToArray()),
                new FigureSeries("synchronous SGD (every step)", x, syncScaled),
            ],
            [new ReferenceLine("predicted slope through the points' geometric mean", predictedExponent, Math.Exp(x.Select((t, i) => Math.Log(scaled[i]) - predictedExponent * Math.Log(t)).Average()))]);

        // The raw view beside the scaled one: E f(x̄^T) itself on log–log axes against the predicted slope (−1 for
        // error ∝ 1/(NT)), so a reader sees the rate directly and not only its flattened form.
        double rawExponent = predictedExponent - 1;
        double[] raw = samples.Select(s => s.Average()).ToArray();
        double[] syncRaw = synchronous.Select(s => s.Average()).ToArray();
        var rawFigure = new Figure("s1-monte-carlo-raw", $"E f(x̄^T) vs T on the kink function, N = {workers}: predicted slope {Compact(rawExponent)}",
            new Axis("T (steps)", Logarithmic: true), new Axis("E f(x̄^T) − f*", Logarithmic: true),
            [
                new FigureSeries(scheduleLabel, x, raw, raw.Select((m, i) => m - z * standardErrors[i] / scale[i]).ToArray(), raw.Select((m, i) => m + z * standardErrors[i] / scale[i]).ToArray()),
                new FigureSeries("synchronous SGD (every step)", x, syncRaw),
            ],
            [new ReferenceLine($"slope {Compact(rawExponent)} through the points' geometric mean", rawExponent, Math.Exp(x.Select((t, i) => Math.Log(raw[i]) - rawExponent * Math.Log(t)).Average()))]);

        string evidence = $"N = {workers}, T = {string.Join(", ", horizons)}, {replicates} replicates per T: N·T·E f(x̄^T) = {string.Join(", ", scaled.Select(Compact))} " +
            $"({scheduleLabel}); fitted slope {fit.SlopeInterval.ToCompactString()} at level 1 − {Compact(alpha)} (weighted log–log fit, z interval). " +
            $"Synchronous SGD gives {string.Join(", ", syncScaled.Select(Compact))}; the paired ratio at T = {horizons[^1]} is {ratio.ToCompactString()} (Fieller).";
        return new ClaimResult(Id, ClaimResult.Combine(assertions),
            new Quantity("slope of log N·T·E vs log T", fit.Slope, "", fit.SlopeInterval.Low, fit.SlopeInterval.High, level),
            new Prediction($"{Compact(predictedExponent)} (flat), accepted ±{Compact(slopeTolerance)}; ratio to every-step ≤ {Compact(ratioBound)}", predictedExponent,
                predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
            slopeDecision.Margin, assertions,
            [evidence, $"Across the kink family: {exploration.Explored.Count} configurations, largest ratio to every-step {Compact(exploration.WorstRatio * ratioBound)} at {exploration.Worst?.Configuration}."],
            [figure, rawFigure], (long)replicates * (horizons.Length + exploration.Explored.Count) * 2) { Exploration = exploration.ToReport() };
    }

    // The paired ratio E f(x̄^T) under the claim's schedule over every-step at one kink configuration (one seed for both).
    private LawOutcome Measure(ClaimContext context, KinkSetting c, int replicates, double alpha)
    {
        ulong seed = context.SeedFor($"explored/{c}");
        var local = context.Simulate(c.Configuration(schedule), replicates, seed);
        var synchronous = context.Simulate(c.Configuration(new EveryStep()), replicates, seed);
        var ratio = PairedComparison.RatioOfMeans(local.FinalErrors, synchronous.FinalErrors, 1 - alpha).Interval;
        return LawOutcome.FromDecision(VerdictRules.AtMost(ratio, ratioBound), ratio, ratioBound, $"E f(x̄^T) {scheduleLabel} / every-step",
            ReplayScenarios.MonteCarlo(Id, $"{c}: the {scheduleLabel} run; pair it with communication every-step under the same seed for the ratio", c.Configuration(schedule), replicates, seed, local.FinalError.Mean),
            ExperimentDesign.MinimumDetectablePairedRatioChange(local.FinalErrors, synchronous.FinalErrors, alpha)) with { Note = $"every-step mean {Compact(synchronous.FinalError.Mean)}" };
    }
}

/// <summary>A kink-family configuration: the kink function (μ, σ), x0, α in η_t = min(α/(t + 1), 1/L), N and T.</summary>
public sealed record KinkSetting(double Curvature, double Noise, double Start, double Alpha, int Workers, int Steps)
{
    /// <summary>The Local SGD configuration under a schedule.</summary>
    public LocalSgdConfiguration Configuration(ICommunicationSchedule schedule) =>
        new(new KinkFunction(Curvature, Noise), Workers, Steps, [Start], new CappedInverseTimeStepSize(Alpha, 1, 1 / (2 * Curvature)), schedule);

    /// <summary>Smaller configurations: N toward 4, T toward 100, then σ, x0, μ, α toward the paper's 8, 2, 1, 2.</summary>
    public IEnumerable<KinkSetting> Shrink()
    {
        if (Workers > 4) yield return this with { Workers = Workers / 2 };
        if (Steps > 100) yield return this with { Steps = Steps / 4 };
        foreach (double s in SpaceParts.Toward(Noise, 8, [2.0, 4, 8, 16])) yield return this with { Noise = s };
        foreach (double x in SpaceParts.Toward(Start, 2, [1.0, 2, 4])) yield return this with { Start = x };
        foreach (double m in SpaceParts.Toward(Curvature, 1, [0.5, 1, 2])) yield return this with { Curvature = m };
        foreach (double a in SpaceParts.Toward(Alpha, 2, [1.0, 2, 3])) yield return this with { Alpha = a };
    }

    /// <summary>"kink μ = 1, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L), N = 8, T = 400".</summary>
    public override string ToString() =>
        $"kink μ = {Compact(Curvature)}, σ = {Compact(Noise)}, x0 = {Compact(Start)}, η_t = min({Compact(Alpha)}/(t+1), 1/L), N = {Integer(Workers)}, T = {Integer(Steps)}";
}
