using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// Problem: the kink function (μ = 1, L = 2, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/2)) [code: speed-up experiment].
/// Algorithm: Local SGD with increasing intervals and R = N, R = ⌈√N⌉, R = ⌈N^{3/4}⌉ rounds, and one-shot averaging,
/// for N = 2 … N_max at a fixed T; the single worker (N = 1, plain SGD) with the same seed gives the reference error.
/// Guarantee (Spiridonoff et al., NeurIPS 2021, S2) [abstract, simulation]: the speed-up
/// S(N) = E f(single worker at T) / E f(x̄^T) grows about linearly in N for R = N and falls behind for R = √N, N^{3/4}
/// and one-shot, with the gap widening in N. Checked as scaling and ordering: the slope of log S vs log N for R = N is at
/// least a threshold, and for each lagging schedule the paired ratio E f(x̄_lagging)/E f(x̄_{R=N}) exceeds 1 at the
/// largest N and is larger there than at the smallest N.
/// </summary>
public sealed class S2Claim : IClaim
{
    /// <summary>
    /// Near-linear speed-up: slope of log S vs log N at least 0.8. Why: linear speed-up is slope 1; the faster-decaying
    /// terms of the bound shave a little off at finite T, and a schedule that "falls behind" with R = √N would lose a
    /// constant fraction per doubling of N (the paper's figure shows slopes near ½–¾ for those), so 0.8 separates the two
    /// regimes; it is fixed before any run.
    /// </summary>
    public const double DefaultMinimumSlope = 0.8;

    private readonly double minimumSlope;
    private readonly (string Label, ICommunicationSchedule Schedule) linear;
    private readonly (string Label, ICommunicationSchedule Schedule)[] lagging;

    /// <summary>The claim as stated: R = N increasing intervals is near-linear; √N, N^{3/4} and one-shot fall behind.</summary>
    public S2Claim() : this(DefaultMinimumSlope,
        ("R = N (increasing)", SpiridonoffExperiments.IncreasingWithRoundsPower(1)),
        [("R = ⌈√N⌉ (increasing)", SpiridonoffExperiments.IncreasingWithRoundsPower(0.5)),
         ("R = ⌈N^¾⌉ (increasing)", SpiridonoffExperiments.IncreasingWithRoundsPower(0.75)),
         ("one-shot", new OneShot())])
    { }

    /// <summary>
    /// The claim with planted predictions: the minimum slope, the schedule claimed to have linear speed-up and the schedules
    /// claimed to fall behind it (a power test swaps them to reverse the ordering).
    /// </summary>
    public S2Claim(double minimumSlope, (string Label, ICommunicationSchedule Schedule) linear, IReadOnlyList<(string Label, ICommunicationSchedule Schedule)> lagging)
    {
        if (lagging.Count == 0) throw new ArgumentException("lagging must name at least one schedule that falls behind", nameof(lagging));
        this.minimumSlope = minimumSlope;
        this.linear = linear;
        this.lagging = lagging.ToArray();
    }

    /// <inheritdoc/>
    public string Id => "spiridonoff.S2";

    /// <inheritdoc/>
    public string Title => "Speed-up: linear in N for R = N, falling behind for R = √N, N^¾ and one-shot";

    /// <inheritdoc/>
    public string Source => "Spiridonoff, Olshevsky, Paschalidis (NeurIPS 2021), S2 [abstract]; kink speed-up experiment [code]";

    /// <inheritdoc/>
    public string Statement => "S(N) = E f(single worker at T) / E f(x̄^T) grows about linearly in N with increasing intervals and R = N rounds; with R = √N, N^{3/4} or one-shot averaging it falls behind, and the gap widens as N grows.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["f strongly convex and smooth, not twice differentiable at x* (kink)", "unbiased gradients, σ = 8", "identical workers", "T fixed while N grows"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static (int[] Workers, int Steps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => ([2, 4, 8, 16], 100, 3000),
        Profile.Ci => ([2, 4, 8, 16, 32], 400, 2500),
        _ => ([2, 4, 8, 16, 32, 64], 1000, 5000),
    };

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, steps, replicates) = Size(profile);
        return new ClaimDesign(SpiridonoffExperiments.KinkSetting, workers, [steps],
            [linear.Label, .. lagging.Select(l => l.Label), "single worker (N = 1)"], replicates, Assertions: 1 + 2 * lagging.Length,
            Notes: "independent seeds per N (points of the slope fit); the schedules and the single worker share each N's seed (paired ratios)");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, steps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problem = SpiridonoffExperiments.Kink();
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        int count = workers.Length;
        var single = new double[count][];
        var linearErrors = new double[count][];
        var laggingErrors = lagging.Select(_ => new double[count][]).ToArray();
        for (int n = 0; n < count; n++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            ulong seed = context.SeedFor($"workers={workers[n]}");
            single[n] = SpiridonoffExperiments.ScalarFinalErrors(context, problem, 1, steps, new EveryStep(), replicates, seed);
            linearErrors[n] = SpiridonoffExperiments.ScalarFinalErrors(context, problem, workers[n], steps, linear.Schedule, replicates, seed);
            for (int s = 0; s < lagging.Length; s++)
                laggingErrors[s][n] = SpiridonoffExperiments.ScalarFinalErrors(context, problem, workers[n], steps, lagging[s].Schedule, replicates, seed);
            context.Report((n + 1.0) / count);
        }

        // S(N) = E f(SGD)/E f(x̄_N): the SGD numerator is one constant per seed, so the slope of log S vs log N is minus the
        // slope of log E f(x̄_N) vs log N. Fitting the latter keeps the single worker's noise out of the slope's interval.
        double[] x = workers.Select(w => (double)w).ToArray();
        var (fit, _, _) = LeastSquares.FitPowerLawOfMeans(x, linearErrors, Enumerable.Repeat(1.0, count).ToArray(), level);
        var slope = new Interval(-fit.SlopeInterval.High, -fit.SlopeInterval.Low, -fit.Slope, level, fit.SlopeInterval.Method + " (slope of log S = −slope of log E f(x̄))",
            fit.SlopeInterval.Assumption + "; independent seeds per N");
        var slopeDecision = VerdictRules.AtLeast(slope, minimumSlope);
        var assertions = new List<AssertionResult>
        {
            Assertions.FromInterval($"slope of log S(N) vs log N, {linear.Label}", slopeDecision, slope, "slope",
                new Prediction($"≈ 1 (linear speed-up), accepted ≥ {Compact(minimumSlope)}", 1, minimumSlope, null), alpha,
                ExperimentDesign.MinimumDetectableSlopeChange(fit, alpha), id: "slope"),
        };

        var gapsAtLargest = new Interval[lagging.Length];
        for (int s = 0; s < lagging.Length; s++)
        {
            var atLargest = PairedComparison.RatioOfMeans(laggingErrors[s][^1], linearErrors[^1], level).Interval;
            gapsAtLargest[s] = atLargest;
            assertions.Add(Assertions.FromInterval($"E f(x̄) {lagging[s].Label} / {linear.Label} at N = {workers[^1]}",
                VerdictRules.AtLeast(atLargest, 1), atLargest, "ratio of means",
                new Prediction($"> 1 ({lagging[s].Label} falls behind)", null, 1, null), alpha,
                ExperimentDesign.MinimumDetectablePairedRatioChange(laggingErrors[s][^1], linearErrors[^1], alpha), id: $"lagging-{s + 1}-behind"));
            // Two intervals at level 1 − α/2 each: the comparison spends α in total (see VerdictRules.Exceeds).
            var largestHalf = PairedComparison.RatioOfMeans(laggingErrors[s][^1], linearErrors[^1], 1 - alpha / 2).Interval;
            var smallestHalf = PairedComparison.RatioOfMeans(laggingErrors[s][0], linearErrors[0], 1 - alpha / 2).Interval;
            var widening = VerdictRules.Exceeds(largestHalf, smallestHalf);
            assertions.Add(new AssertionResult($"gap of {lagging[s].Label} widens: ratio at N = {workers[^1]} > ratio at N = {workers[0]}", widening.Verdict,
                new Quantity($"ratio at N = {workers[^1]} minus ratio at N = {workers[0]}", largestHalf.Estimate - smallestHalf.Estimate, "", largestHalf.Low - smallestHalf.High, largestHalf.High - smallestHalf.Low, level),
                new Prediction("> 0 (the gap widens with N)", null, 0, null), widening.Margin,
                $"two Fieller intervals at level 1 − α/2 each, compared end to end: {largestHalf.ToCompactString()} vs {smallestHalf.ToCompactString()}; assumes {largestHalf.Assumption}; independent seeds per N",
                alpha, ExperimentDesign.MinimumDetectablePairedRatioChange(laggingErrors[s][^1], linearErrors[^1], alpha / 2)) { Id = $"lagging-{s + 1}-gap-widens" });
        }

        var series = new List<FigureSeries> { SpeedupSeries(linear.Label, x, single, linearErrors, level) };
        for (int s = 0; s < lagging.Length; s++) series.Add(SpeedupSeries(lagging[s].Label, x, single, laggingErrors[s], level));
        var figure = new Figure("s2-speedup", $"Speed-up S(N) = E f(single worker) / E f(x̄^T) on the kink function, T = {steps}",
            new Axis("N (workers)", Logarithmic: true), new Axis("speed-up S(N)", Logarithmic: true), series,
            [new ReferenceLine("ideal S = N", 1, 1)]);

        string speedups = string.Join("; ", series.Select(s => $"{s.Name}: {string.Join(", ", s.Y.Select(Compact))}"));
        var evidence = new List<string>
        {
            $"T = {steps}, N = {string.Join(", ", workers)}, {replicates} replicates per N. Speed-ups S(N): {speedups}.",
            "At N = 2, ⌈√2⌉ = ⌈2^¾⌉ = 2 = N, so the three increasing-interval schedules coincide there and their paired ratio is exactly 1: the gap can only open as N grows.",
            $"Slope of log S vs log N for {linear.Label}: {slope.ToCompactString()} at level 1 − {Compact(alpha)} (weighted log–log fit with known standard errors, z interval).",
            $"Paired ratios E f(x̄_lagging)/E f(x̄_{{R=N}}) at N = {workers[^1]}: {string.Join("; ", lagging.Select((l, s) => $"{l.Label} {gapsAtLargest[s].ToCompactString()}"))} (Fieller).",
        };
        return new ClaimResult(Id, ClaimResult.Combine(assertions),
            new Quantity($"slope of log S vs log N ({linear.Label})", slope.Estimate, "", slope.Low, slope.High, level),
            new Prediction($"≈ 1 (linear), accepted ≥ {Compact(minimumSlope)}; lagging schedules behind with a widening gap", 1, minimumSlope, null),
            slopeDecision.Margin, assertions, evidence, [figure], (long)replicates * count * (2 + lagging.Length));
    }

    private static FigureSeries SpeedupSeries(string label, double[] workers, double[][] single, double[][] errors, double level)
    {
        var intervals = workers.Select((_, n) => PairedComparison.RatioOfMeans(single[n], errors[n], level).Interval).ToArray();
        return new FigureSeries(label, workers, intervals.Select(i => i.Estimate).ToArray(),
            intervals.Select(i => double.IsFinite(i.Low) ? i.Low : i.Estimate).ToArray(), intervals.Select(i => double.IsFinite(i.High) ? i.High : i.Estimate).ToArray());
    }
}
