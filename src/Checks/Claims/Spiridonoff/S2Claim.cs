using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;
using Interval = LocalSgdVerify.Checks.Statistics.Interval;
using LeastSquares = LocalSgdVerify.Checks.Statistics.LeastSquares;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// Problem: the kink function f = μx² (x ≥ 0), μx²/2 (x &lt; 0) with gradient noise σ (claims.md §2) [code: speed-up
/// experiment μ = 1, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/2)].
/// Algorithm: Local SGD with increasing intervals and R = N rounds, against R = ⌈√N⌉, R = ⌈N^{3/4}⌉ and one-shot.
/// Guarantee (Spiridonoff et al., NeurIPS 2021, S2) [abstract, simulation]: (a) the speed-up S(N) = E f(single worker)
/// / E f(x̄^T) grows about linearly in N for R = N; (b) R = √N, N^{3/4} and one-shot fall behind, the gap widening in N.
/// Laws: (a) at the paper's configuration, the slope of log S vs log N over N = 2..N_max is at least 0.8; (b) an
/// existence claim per lagging schedule over the kink family: a witness is a configuration (μ, σ, x0, α, T, N) where
/// E f(x̄_lagging)/E f(x̄_{R=N}) at N exceeds 1 and exceeds the same ratio at N/4 (both decided on Fieller intervals at
/// 1 − α/2 each under common random numbers; independent seeds at N and N/4).
/// </summary>
public sealed class S2Claim : IClaim
{
    /// <summary>
    /// Near-linear speed-up: slope of log S vs log N at least 0.8. Why: linear speed-up is slope 1; the faster-decaying
    /// terms of the bound shave a little off at finite T, and a schedule that "falls behind" would lose a constant
    /// fraction per doubling of N (the paper's figure shows slopes near ½–¾ for those), so 0.8 separates the two regimes.
    /// </summary>
    public const double DefaultMinimumSlope = 0.8;

    /// <summary>The lagging schedules, one existence search each: R = ⌈√N⌉, R = ⌈N^{3/4}⌉ (increasing intervals) and one-shot.</summary>
    public static IReadOnlyList<string> LaggingGroups { get; } = ["R = ⌈√N⌉", "R = ⌈N^¾⌉", "one-shot"];

    private readonly double minimumSlope;
    private readonly double linearExponent;
    private readonly AssumptionSpace<KinkConfiguration> space;

    /// <summary>The claim as stated: R = N is near-linear; √N, N^{3/4} and one-shot fall behind somewhere in the kink family.</summary>
    public S2Claim() : this(DefaultMinimumSlope, 1, null) { }

    /// <summary>
    /// The claim with planted predictions: the minimum slope, the exponent p of the schedule claimed linear (R = ⌈N^p⌉; a
    /// power test names R = ⌈√N⌉ linear, which must then fail its slope and find no witness against it), and another space.
    /// </summary>
    public S2Claim(double minimumSlope, double linearExponent, AssumptionSpace<KinkConfiguration>? space)
    {
        this.minimumSlope = minimumSlope;
        this.linearExponent = linearExponent;
        this.space = space ?? Space;
    }

    /// <summary>
    /// The kink family (claims.md §4a, S2): μ ∈ {0.5, 1, 2}, σ ∈ {2, 4, 8, 16}, x0 ∈ {1, 2, 4}, η_t = min(α/(t + 1), 1/L)
    /// with α ∈ {1, 2, 3} (αμ ≥ 1), T ∈ {100, 200, 400}, N ∈ {8, 16, 32}, and the lagging schedule.
    /// </summary>
    public static AssumptionSpace<KinkConfiguration> Space { get; } = new(
        from curvature in Gen.Elements<double>(KinkConfiguration.CurvatureGrid)
        from noise in Gen.Elements<double>(KinkConfiguration.NoiseGrid)
        from start in Gen.Elements<double>(KinkConfiguration.StartGrid)
        from alpha in Gen.Elements<double>(KinkConfiguration.AlphaGrid)
        from steps in Gen.Elements<int>(KinkConfiguration.StepsGrid)
        from workers in Gen.Elements<int>(KinkConfiguration.WorkersGrid)
        from lagging in Gen.Choose(0, LaggingGroups.Count - 1)
        select new KinkConfiguration(curvature, noise, start, alpha, steps, workers, lagging),
        configuration => configuration.Shrink(),
        c => c.Alpha * c.Curvature >= 1 && c.Workers >= 8,
        configuration => configuration.ToString(),
        [
            new Hypothesis("f μ-strongly convex and L-smooth (L = 2μ), not twice differentiable at x* (the kink): μ ∈ {0.5, 1, 2}", "claims.md §2 and §4a, S2 [code]"),
            new Hypothesis("unbiased gradients with additive noise σ ∈ {2, 4, 8, 16}; x0 ∈ {1, 2, 4}", "claims.md §4a, S2 [code: σ = 8, x0 = 2]"),
            new Hypothesis("η_t = min(α/(t + 1), 1/L) with αμ ≥ 1, α ∈ {1, 2, 3}", "claims.md §2 [code: α = 2] and §4a, S1's step-size condition [recalled]"),
            new Hypothesis("T fixed (100, 200 or 400) while N grows; N ∈ {8, 16, 32} compared with N/4; identical workers", "claims.md §4a, S2 [abstract]"),
        ]);

    /// <inheritdoc/>
    public string Id => "spiridonoff.S2";

    /// <inheritdoc/>
    public string Title => "Speed-up: linear in N for R = N; R = √N, N^¾ and one-shot fall behind somewhere in the kink family";

    /// <inheritdoc/>
    public string Source => "Spiridonoff, Olshevsky, Paschalidis (NeurIPS 2021), S2 [abstract]; kink speed-up experiment [code]";

    /// <inheritdoc/>
    public string Statement => "S(N) = E f(single worker at T) / E f(x̄^T) grows about linearly in N with increasing intervals and R = N rounds; with R = ⌈√N⌉, ⌈N^{3/4}⌉ or one-shot averaging it falls behind, and the gap widens as N grows: for each of them the search finds a configuration of the kink family where it does.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => space.Hypotheses.Select(h => h.ToString()).ToArray();

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static (int[] Workers, int Steps, int Replicates, int Explored) Size(Profile profile) => profile switch
    {
        Profile.Quick => ([2, 4, 8, 16], 100, 3000, 3),
        Profile.Ci => ([2, 4, 8, 16, 32], 400, 2500, 9),
        _ => ([2, 4, 8, 16, 32, 64], 1000, 5000, 45),
    };

    /// <summary>The paper's configuration (μ = 1, σ = 8, x0 = 2, α = 2, N = 32) under each lagging schedule at the profile's T: always explored first.</summary>
    public static IReadOnlyList<KinkConfiguration> PaperConfigurations(Profile profile) =>
        Enumerable.Range(0, LaggingGroups.Count).Select(g => new KinkConfiguration(1, SpiridonoffExperiments.ScalarNoise, SpiridonoffExperiments.ScalarStart, 2,
            Math.Min(Size(profile).Steps, 400), 32, g)).ToArray();

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, steps, replicates, explored) = Size(profile);
        return new ClaimDesign($"{SpiridonoffExperiments.KinkSetting} for the slope; the kink family (claims.md §4a, S2) for the witnesses", workers, [steps],
            ["R = N (increasing)", .. LaggingGroups, "single worker (N = 1)"], replicates, Assertions: 1 + LaggingGroups.Count + explored,
            Notes: $"slope: independent seeds per N, paired schedules; witnesses: {LaggingGroups.Count} paper configurations and {explored} drawn from the claim's seed, each one assertion (lagging vs R = N at N and at N/4, paired, independent seeds across N)");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, steps, maximumReplicates, explored) = Size(context.Profile);
        int replicates = context.Replicates(maximumReplicates);
        double alpha = context.AlphaPerAssertion;
        var slope = SlopeAssertion(context, workers, steps, replicates, alpha, out var speedupFigure, out long slopeSamples);

        string law = "E f(x̄_lagging)/E f(x̄_{R=N}) at N > 1 and > the same ratio at N/4 (Fieller, 1 − α/2 each)";
        var result = Explorer.Exists(context, space, explored, law, c => Witness(context, c, replicates, alpha), LaggingGroups, c => LaggingGroups[c.Lagging],
            PaperConfigurations(context.Profile), shrinkBudget: 6);
        var assertions = new List<AssertionResult> { slope };
        assertions.AddRange(result.Explored.Select((e, i) => LawAssertions.FromOutcome($"{Explorer.SearchRowPrefix}{i + 1}",
            $"{LaggingGroups[e.Configuration.Lagging]} falls behind R = N at {e.Configuration}", e.Outcome,
            new Prediction("> 1 at N and widening from N/4 (a witness)", null, 1, null), alpha)));
        assertions.AddRange(result.WitnessAssertions("witness", LaggingGroups, c => LaggingGroups[c.Lagging]));
        var figures = new List<Figure>
        {
            speedupFigure,
            ExplorationFigures.Ratios("s2-lag-ratios", "E f(x̄_lagging)/E f(x̄_{R=N}) at N over every explored kink configuration", result, c => c.Workers,
                new Axis("N (workers)", Logarithmic: true), logarithmicRatio: false),
        };
        var evidence = new List<string>
        {
            $"Slope of log S vs log N for R = ⌈N^{Compact(linearExponent)}⌉ (increasing) at the paper's configuration (T = {steps}, N = {string.Join(", ", workers)}, {replicates} replicates per N): {Compact(slope.Measured.Value)} [{Compact(slope.Measured.Low ?? double.NaN)}, {Compact(slope.Measured.High ?? double.NaN)}].",
            $"{result.Explored.Count} kink configurations explored for witnesses ({replicates} paired replicates at N and at N/4 each).",
        };
        evidence.AddRange(result.Witnesses.Select(w => $"Witness for {w.Group} after {w.Steps} shrink steps: {result.Describe(w.Final)}; {w.Final.Outcome.Note}."));
        long samples = slopeSamples + (long)replicates * 4 * result.Explored.Count;
        return ClaimResults.From(Id, assertions, slope, evidence, figures, samples, result.ToReport()) with
        {
            Verdict = Explorer.CombineWithoutSearchRows(assertions),
        };
    }

    private AssertionResult SlopeAssertion(ClaimContext context, int[] workers, int steps, int replicates, double alpha, out Figure figure, out long samples)
    {
        var problem = SpiridonoffExperiments.Kink();
        double level = 1 - alpha;
        var linear = SpiridonoffExperiments.IncreasingWithRoundsPower(linearExponent);
        var single = new double[workers.Length][];
        var errors = new double[workers.Length][];
        for (int n = 0; n < workers.Length; n++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            ulong seed = context.SeedFor($"workers={workers[n]}");
            single[n] = SpiridonoffExperiments.ScalarFinalErrors(context, problem, 1, steps, new EveryStep(), replicates, seed);
            errors[n] = SpiridonoffExperiments.ScalarFinalErrors(context, problem, workers[n], steps, linear, replicates, seed);
        }
        // S(N) = E f(SGD)/E f(x̄_N): the SGD numerator is one constant per seed, so the slope of log S vs log N is minus the
        // slope of log E f(x̄_N) vs log N. Fitting the latter keeps the single worker's noise out of the slope's interval.
        double[] x = workers.Select(w => (double)w).ToArray();
        var (fit, _, _) = LeastSquares.FitPowerLawOfMeans(x, errors, Enumerable.Repeat(1.0, workers.Length).ToArray(), level);
        var slope = new Interval(-fit.SlopeInterval.High, -fit.SlopeInterval.Low, -fit.Slope, level, fit.SlopeInterval.Method + " (slope of log S = −slope of log E f(x̄))",
            fit.SlopeInterval.Assumption + "; independent seeds per N");
        string label = linearExponent == 1 ? "R = N (increasing)" : $"R = ⌈N^{Compact(linearExponent)}⌉ (increasing)";
        figure = new Figure("s2-speedup", $"Speed-up S(N) = E f(single worker) / E f(x̄^T) on the kink function, T = {steps}",
            new Axis("N (workers)", Logarithmic: true), new Axis("speed-up S(N)", Logarithmic: true),
            [IntervalSeries.Of(label, x, workers.Select((_, n) => PairedComparison.RatioOfMeans(single[n], errors[n], level).Interval).ToArray())],
            [new ReferenceLine("ideal S = N", 1, 1)]);
        samples = (long)replicates * workers.Length * 2;
        return Assertions.FromInterval($"slope of log S(N) vs log N, {label}", VerdictRules.AtLeast(slope, minimumSlope), slope, "speed-up slope of log S(N) vs log N",
            new Prediction($"≈ 1 (linear speed-up), accepted ≥ {Compact(minimumSlope)}", 1, minimumSlope, null), alpha,
            ExperimentDesign.MinimumDetectableSlopeChange(fit, alpha), id: "slope");
    }

    private LawOutcome Witness(ClaimContext context, KinkConfiguration c, int replicates, double alpha)
    {
        var lagging = c.LaggingSchedule;
        var linear = new IncreasingIntervals(RoundCount.PowerOfWorkers(linearExponent));
        ulong seedLarge = context.SeedFor($"witness/{c.Key}/N={c.Workers}"), seedSmall = context.SeedFor($"witness/{c.Key}/N={c.Workers / 4}");
        var lagLarge = context.Simulate(c.Configuration(c.Workers, lagging), replicates, seedLarge);
        var linLarge = context.Simulate(c.Configuration(c.Workers, linear), replicates, seedLarge);
        var lagSmall = context.Simulate(c.Configuration(c.Workers / 4, lagging), replicates, seedSmall);
        var linSmall = context.Simulate(c.Configuration(c.Workers / 4, linear), replicates, seedSmall);
        double half = 1 - alpha / 2;
        var large = PairedComparison.RatioOfMeans(lagLarge.FinalErrors, linLarge.FinalErrors, half).Interval;
        var small = PairedComparison.RatioOfMeans(lagSmall.FinalErrors, linSmall.FinalErrors, half).Interval;
        var behind = VerdictRules.AtLeast(large, 1);
        var widening = VerdictRules.Exceeds(large, small);
        var verdict = behind.Verdict == Verdict.Fail || widening.Verdict == Verdict.Fail ? Verdict.Fail
            : behind.Verdict == Verdict.Pass && widening.Verdict == Verdict.Pass ? Verdict.Pass : Verdict.Inconclusive;
        var replay = ReplayScenarios.MonteCarlo(Id, $"{c}: the lagging run at N; pair it with communication increasing-intervals, rounds_exponent {Compact(linearExponent)} under the same seed for the ratio",
            c.Configuration(c.Workers, lagging), replicates, seedLarge, lagLarge.FinalError.Mean);
        return new LawOutcome(verdict, large.Estimate, 1, "E f(x̄_lagging)/E f(x̄_{R=N}) at N", replay)
        {
            Interval = large,
            Margin = Math.Min(behind.Margin, widening.Margin),
            Detectable = ExperimentDesign.MinimumDetectablePairedRatioChange(lagLarge.FinalErrors, linLarge.FinalErrors, alpha / 2),
            Note = $"ratio at N = {c.Workers}: {large.ToCompactString()}; at N = {c.Workers / 4}: {small.ToCompactString()} (R = N mean {Compact(linLarge.FinalError.Mean)})",
        };
    }
}

/// <summary>
/// A configuration of <see cref="S2Claim"/>'s existence search: the kink function (μ, σ), x0, α in η_t = min(α/(t+1), 1/L),
/// T, N (compared with N/4) and which lagging schedule (0: R = ⌈√N⌉, 1: R = ⌈N^{3/4}⌉, 2: one-shot).
/// </summary>
public sealed record KinkConfiguration(double Curvature, double Noise, double Start, double Alpha, int Steps, int Workers, int Lagging)
{
    /// <summary>μ drawn.</summary>
    public static IReadOnlyList<double> CurvatureGrid { get; } = [0.5, 1, 2];

    /// <summary>σ drawn.</summary>
    public static IReadOnlyList<double> NoiseGrid { get; } = [2, 4, 8, 16];

    /// <summary>x0 drawn.</summary>
    public static IReadOnlyList<double> StartGrid { get; } = [1, 2, 4];

    /// <summary>α drawn.</summary>
    public static IReadOnlyList<double> AlphaGrid { get; } = [1, 2, 3];

    /// <summary>T drawn.</summary>
    public static IReadOnlyList<int> StepsGrid { get; } = [100, 200, 400];

    /// <summary>N drawn (N/4 ≥ 2 is the smaller count).</summary>
    public static IReadOnlyList<int> WorkersGrid { get; } = [8, 16, 32];

    /// <summary>The kink function.</summary>
    public KinkFunction Problem => new(Curvature, Noise);

    /// <summary>η_t = min(α/(t + 1), 1/L).</summary>
    public IStepSizeSchedule StepSize => new CappedInverseTimeStepSize(Alpha, 1, 1 / (2 * Curvature));

    /// <summary>The lagging schedule.</summary>
    public ICommunicationSchedule LaggingSchedule => Lagging switch
    {
        0 => SpiridonoffExperiments.IncreasingWithRoundsPower(0.5),
        1 => SpiridonoffExperiments.IncreasingWithRoundsPower(0.75),
        _ => new OneShot(),
    };

    /// <summary>A label for seeds: every field but N and the schedule's role (so the lagging and R = N runs pair).</summary>
    public string Key => $"mu={Curvature}/sigma={Noise}/x0={Start}/alpha={Alpha}/T={Steps}/lag={Lagging}";

    /// <summary>The Local SGD configuration with <paramref name="workers"/> workers under a schedule.</summary>
    public LocalSgdConfiguration Configuration(int workers, ICommunicationSchedule schedule) => new(Problem, workers, Steps, [Start], StepSize, schedule);

    /// <summary>Smaller configurations, toward N = 8, T = 100 and the paper's μ = 1, σ = 8, x0 = 2, α = 2.</summary>
    public IEnumerable<KinkConfiguration> Shrink()
    {
        foreach (double n in SpaceParts.Toward(Workers, 8, WorkersGrid.Select(w => (double)w).ToArray())) yield return this with { Workers = (int)n };
        foreach (double t in SpaceParts.Toward(Steps, 100, StepsGrid.Select(s => (double)s).ToArray())) yield return this with { Steps = (int)t };
        foreach (double s in SpaceParts.Toward(Noise, 8, NoiseGrid)) yield return this with { Noise = s };
        foreach (double x in SpaceParts.Toward(Start, 2, StartGrid)) yield return this with { Start = x };
        foreach (double m in SpaceParts.Toward(Curvature, 1, CurvatureGrid)) yield return this with { Curvature = m };
        foreach (double a in SpaceParts.Toward(Alpha, 2, AlphaGrid)) yield return this with { Alpha = a };
    }

    /// <summary>"kink μ = 1, σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L), T = 400, N = 32 vs 8, R = ⌈√N⌉".</summary>
    public override string ToString() =>
        $"kink μ = {Compact(Curvature)}, σ = {Compact(Noise)}, x0 = {Compact(Start)}, η_t = min({Compact(Alpha)}/(t+1), 1/L), T = {Integer(Steps)}, N = {Integer(Workers)} vs {Integer(Workers / 4)}, {S2Claim.LaggingGroups[Lagging]}";
}
