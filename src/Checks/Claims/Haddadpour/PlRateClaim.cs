using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Checks.Statistics;
using LeastSquaresProblem = LocalSgdVerify.Model.Problems.LeastSquares;
using Interval = LocalSgdVerify.Checks.Statistics.Interval;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Simulation;
using static LocalSgdVerify.Checks.Claims.Haddadpour.HaddadpourExperiments;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Haddadpour;

/// <summary>
/// Problem: least squares with a random 50 × 5 design of rank 3 (PL with μ the smallest nonzero eigenvalue of
/// AᵀA/n, not strongly convex), gradients from one sampled row (noise that depends on x, with a floor from the
/// label noise). Algorithm: LUPA, Local SGD with the constant period τ = ⌊c·(T²/p)^{1/3}⌋ (c = 1), p workers,
/// η_t = α/(μ(t + β)), output x̄^T. Guarantee [recalled shape, claims.md §4 H1]: with O((pT)^{1/3}) rounds the
/// error is O(1/(pT)), so p·T·E[F(x̄^T) − F*] stays bounded as T grows; checked as a scaling property (the slope
/// of ln(p·T·E) against ln T over T0, 4T0, 16T0 is at most a small tolerance), never as a constant. The round
/// count's growth like (pT)^{1/3} is checked exactly on the schedule. Source: Haddadpour, Kamani, Mahdavi, Cadambe,
/// "Local SGD with periodic averaging: tighter analysis and adaptive synchronization", NeurIPS 2019 [abstract].
/// </summary>
public sealed class PlRateClaim : IClaim
{
    /// <summary>
    /// Largest accepted slope of ln(p·T^k·E) against ln T, chosen before any run: a bounded p·T·E has slope ≤ 0 up to
    /// transients, while a rate slower by a factor ln T shows a slope of 1/ln T ≈ 0.11–0.14 over T = 10³–10⁴ and a rate
    /// T^{−0.9} a slope of 0.1; 0.1 separates "bounded" from both.
    /// </summary>
    public const double SlopeTolerance = 0.1;

    /// <summary>Accepted gap between the fitted exponent of the round count in pT and the predicted one (exact schedule).</summary>
    public const double RoundExponentTolerance = 0.02;

    private const double PeriodScale = 1.0;

    /// <summary>The paper's prediction: error ∝ 1/(pT) (exponent 1), rounds ∝ (pT)^{1/3}.</summary>
    public PlRateClaim() : this(1.0, 1.0 / 3) { }

    /// <summary>A claim with another predicted error exponent k (E ∝ (pT)^{−k}) and round exponent (R ∝ (pT)^e), for power tests.</summary>
    public PlRateClaim(double predictedErrorExponent, double predictedRoundExponent)
    {
        PredictedErrorExponent = predictedErrorExponent;
        PredictedRoundExponent = predictedRoundExponent;
    }

    /// <summary>k in E[F − F*] = O((pT)^{−k}).</summary>
    public double PredictedErrorExponent { get; }

    /// <summary>e in R = Θ((pT)^e).</summary>
    public double PredictedRoundExponent { get; }

    /// <summary>
    /// The theorem's space (claims.md §4a, H1): the rank-deficient least squares of <see cref="HaddadpourExperiments"/>
    /// with label noise ν ∈ {0.25, 0.5, 1}, p ∈ {2, 4, 8}, LUPA's period τ = ⌊c(T²/p)^{1/3}⌋ with c ∈ {0.5, 1, 2},
    /// T0 ∈ {250, 500, 1000} (p·T·E compared at T0 and 16T0).
    /// </summary>
    public static AssumptionSpace<PlConfiguration> Space { get; } = new(
        from noise in Gen.Elements(0.25, 0.5, 1.0)
        from workers in Gen.Elements(2, 4, 8)
        from scale in Gen.Elements(0.5, 1.0, 2.0)
        from baseHorizon in Gen.Elements(250, 500, 1000)
        select new PlConfiguration(noise, workers, scale, baseHorizon),
        c => c.Shrink(),
        c => c.BaseHorizon >= 250,
        c => c.ToString(),
        [
            new Hypothesis("PL with constant μ, L-smooth: least squares 50 × 5 of rank 3 (data seed 6), not strongly convex", "claims.md §4a, H1 [poster]"),
            new Hypothesis("noise E‖g̃ − g‖² ≤ C₁‖g‖² + σ²/B from one sampled row, σ² from the label noise ν ∈ {0.25, 0.5, 1}", "claims.md §4a, H1 [poster]"),
            new Hypothesis("period τ = ⌊c(T²/p)^{1/3}⌋ ∝ T^{2/3}/p^{1/3} with c ∈ {0.5, 1, 2}; η_t = α/(μ(t + β)), α = 2, β = max(2αL_max/μ, τ) (η·L kept small)", "claims.md §3 and §4a, H1 [recalled]"),
            new Hypothesis("p ∈ {2, 4, 8} identical workers, T0 ∈ {250, 500, 1000} ≥ the step sizes' shift", "claims.md §4a, H1"),
        ]);

    /// <summary>Configurations explored besides the design's own: quick 1, ci 2, full 8.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 1,
        Profile.Ci => 2,
        _ => 8,
    };

    /// <inheritdoc/>
    public string Id => "haddadpour.H1";

    /// <inheritdoc/>
    public string Title => "Under PL, O((pT)^{1/3}) rounds give error O(1/(pT)): p·T·E[F − F*] stays bounded";

    /// <inheritdoc/>
    public string Source => "Haddadpour, Kamani, Mahdavi, Cadambe (NeurIPS 2019), PL theorem; claims.md §4 H1 [abstract; bound shape recalled]";

    /// <inheritdoc/>
    public string Statement => "For PL objectives with smooth, x-dependent gradient noise, Local SGD with period τ ∝ T^{2/3}/p^{1/3} uses O((pT)^{1/3}) rounds and reaches E[F(x̄^T) − F*] = O(1/(pT)): p·T·E stays bounded as T grows.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        "F(x) = (1/2n)‖Ax − b‖², A of rank 3 < d = 5: PL with μ = smallest nonzero eigenvalue of AᵀA/n, not strongly convex",
        "L-smooth; gradients from one uniformly sampled row, so E‖g − ∇F‖² ≤ C₁‖∇F‖² + σ² with σ² > 0 from label noise",
        "identical data on every worker; η_t = α/(μ(t + β)), α = 2, β = max(2αL_max/μ, τ)",
        "[recalled] shape O(1/(pT)) checked as a slope, never as a constant",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static (int Workers, int BaseHorizon, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (2, 200, 1200),
        Profile.Ci => (4, 1000, 3000),
        _ => (8, 4000, 10000),
    };

    private static int[] Horizons(int baseHorizon) => [baseHorizon, 4 * baseHorizon, 16 * baseHorizon];

    /// <summary>Horizons of the exact round-count check (schedule only, no simulation).</summary>
    public static IReadOnlyList<int> RoundCheckHorizons { get; } = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, baseHorizon, replicates) = Size(profile);
        return new ClaimDesign($"{Setting}, x0 = 0", [workers],
            Horizons(baseHorizon), ["haddadpour (τ = ⌊(T²/p)^{1/3}⌋)"], replicates, Assertions: 1 + Configurations(profile),
            Notes: $"statistical: two-point slope of ln(p·T·E) vs ln T from a paired Fieller ratio, at the design's configuration and {Configurations(profile)} drawn from the claim's seed (one assertion each); exact: round count of the schedule vs (pT)^{{1/3}} for T = 10³..10⁹; phase diagram of p·T·E over (pT, rounds) with {DiagramReplicates} replicates per cell");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, baseHorizon, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        int[] horizons = Horizons(baseHorizon);
        double level = 1 - context.AlphaPerAssertion;
        var schedule = new HaddadpourPeriod(PeriodScale);
        var results = new SimulationResult[horizons.Length];
        var periods = new int[horizons.Length];
        for (int h = 0; h < horizons.Length; h++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            periods[h] = schedule.PeriodFor(horizons[h], workers);
            var configuration = new LocalSgdConfiguration(Problem, workers, horizons[h], InitialPoint, StepSize(periods[h]), schedule);
            results[h] = context.Simulate(configuration, replicates, context.Seed);
            context.Report((h + 1.0) / horizons.Length);
        }

        // E ∝ T^s gives p·T^k·E ∝ T^{s+k}: the claim is s + k ≤ tolerance.
        double horizonRatio = (double)horizons[^1] / horizons[0];
        var errorSlope = TwoPointSlope(results[^1].FinalErrors, results[0].FinalErrors, horizonRatio, level);
        var slope = new Interval(errorSlope.Low + PredictedErrorExponent, errorSlope.High + PredictedErrorExponent,
            errorSlope.Estimate + PredictedErrorExponent, level, errorSlope.Method, errorSlope.Assumption);
        var decision = VerdictRules.AtMost(slope, SlopeTolerance);
        double detectable = Math.Log(1 + ExperimentDesign.MinimumDetectablePairedRatioChange(results[^1].FinalErrors, results[0].FinalErrors, context.AlphaPerAssertion)) / Math.Log(horizonRatio);
        string quantityName = PredictedErrorExponent == 1 ? "slope of ln(p·T·E) vs ln T" : $"slope of ln(p·T^{Compact(PredictedErrorExponent)}·E) vs ln T";
        var rateAssertion = new AssertionResult($"p·T^k·E[F − F*] bounded over T = {horizons[0]}..{horizons[^1]} (k = {Compact(PredictedErrorExponent)})",
            decision.Verdict, new Quantity(quantityName, slope.Estimate, "", slope.Low, slope.High, level),
            new Prediction($"≤ {Compact(SlopeTolerance)} (bounded)", 0, null, SlopeTolerance), decision.Margin,
            $"{slope.Method}; {slope.Assumption}", context.AlphaPerAssertion, detectable,
            "one-sided use of a two-sided interval: spends at most α/2") { Id = "error-rate-slope" };

        var roundAssertions = RoundAssertions(workers, horizons, results);
        var assertions = new List<AssertionResult> { rateAssertion };
        assertions.AddRange(roundAssertions);
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), $"slope of ln(p·T^{Compact(PredictedErrorExponent)}·E) vs ln T over T0..16T0 ≤ {Compact(SlopeTolerance)}",
            c => Measure(context, c, replicates), shrinkBudget: 2);
        assertions.AddRange(exploration.Explored.Select((e, i) => LawAssertions.FromOutcome($"slope-at-explored-{i + 1}", $"p·T·E bounded at {e.Configuration}", e.Outcome,
            new Prediction($"≤ {Compact(SlopeTolerance)} (bounded)", 0, null, SlopeTolerance), context.AlphaPerAssertion)));

        var scaled = results.Select((r, h) => workers * (double)horizons[h] * r.FinalError.Mean).ToArray();
        var figure = new Figure("haddadpour-h1-scaled-error", "p·T·E[F(x̄^T) − F*] against T (LUPA, τ = ⌊(T²/p)^{1/3}⌋)",
            new Axis("horizon T (steps)", Logarithmic: true), new Axis("p·T·E[F − F*]", Logarithmic: true),
            [new FigureSeries("p·T·E (95% t interval)", horizons.Select(t => (double)t).ToArray(), scaled,
                results.Select((r, h) => workers * (double)horizons[h] * r.FinalError.ConfidenceLow).ToArray(),
                results.Select((r, h) => workers * (double)horizons[h] * r.FinalError.ConfidenceHigh).ToArray())],
            [new ReferenceLine("flat: O(1/(pT))", 0, scaled[0])]);
        var roundFigure = new Figure("haddadpour-h1-rounds", "Rounds of LUPA against p·T, with (pT)^{1/3}",
            new Axis("p·T", Logarithmic: true), new Axis("rounds R", Logarithmic: true),
            [new FigureSeries("R = ⌈T/τ⌉", RoundCheckHorizons.Select(t => (double)workers * t).ToArray(),
                RoundCheckHorizons.Select(t => (double)ScheduleRounds.OfConstantPeriod(t, schedule.PeriodFor(t, workers))).ToArray())],
            [new ReferenceLine("(pT)^{1/3}/c", 1.0 / 3, 1 / PeriodScale)]);

        var evidence = new List<string>
        {
            $"p = {workers}, T = {string.Join(", ", horizons)}, τ = {string.Join(", ", periods)}, {replicates} paired replicates per horizon: p·T·E = {string.Join(", ", scaled.Select(Compact))}.",
            $"Two-point slope of ln(p·T^{Compact(PredictedErrorExponent)}·E) against ln T: {slope.ToCompactString()} at level 1 − {Compact(context.AlphaPerAssertion)}; accepted ≤ {Compact(SlopeTolerance)}; smallest detectable slope change {Compact(detectable)}.",
            $"Rounds: {string.Join(", ", results.Select(r => r.SyncSteps!.Length))} at the simulated horizons; over T = 10³..10⁹ the fitted exponent of R in pT is {Compact(RoundExponent(workers, schedule))} (predicted {Compact(PredictedRoundExponent)}).",
        };
        evidence.Add($"Across the space: {exploration.Explored.Count} configurations, largest slope {Compact(exploration.WorstRatio * SlopeTolerance)} at {exploration.Worst?.Configuration}.");
        evidence.Add($"Phase diagram: p·T·E[F − F*] over (pT, R) at p = {DiagramWorkers} with R equal rounds, {DiagramReplicates} replicates per cell: along R ∝ (pT)^{{1/3}} p·T·E stays level, while a fixed R lets it grow with pT.");
        var verdict = ClaimResult.Combine(assertions);
        return new ClaimResult(Id, verdict, rateAssertion.Measured, rateAssertion.Predicted, rateAssertion.Margin, assertions, evidence,
            [figure, roundFigure, PhaseDiagram(context)], (long)replicates * (horizons.Length + 2 * exploration.Explored.Count)) { Exploration = exploration.ToReport() };
    }

    /// <summary>Replicates per cell and workers of the (pT, rounds) phase diagram.</summary>
    public const int DiagramReplicates = 200, DiagramWorkers = 4;

    // p·T·E over (pT, R) with R equal rounds, the boundary R = (pT)^{1/3} drawn: Haddadpour's O((pT)^{1/3}) rounds keep
    // p·T·E level, fewer let it grow.
    private static Figure PhaseDiagram(ClaimContext context)
    {
        double[] horizons = [250, 500, 1000, 2000, 4000];
        double[] rounds = [1, 2, 4, 8, 16, 32, 64];
        double Scaled(double productSteps, double r)
        {
            int steps = (int)(productSteps / DiagramWorkers);
            var configuration = new LocalSgdConfiguration(Problem, DiagramWorkers, steps, InitialPoint, StepSize(Math.Max(1, steps / (int)r)), new ConstantRounds((int)r));
            return productSteps * context.Simulate(configuration, DiagramReplicates, context.SeedFor("phase-diagram")).FinalError.Mean;
        }
        var pt = horizons.Select(t => t * DiagramWorkers).ToArray();
        return PhaseDiagrams.Of("haddadpour-h1-phase-diagram", $"p·T·E[F − F*] over (pT, rounds), p = {DiagramWorkers}, equal rounds ({DiagramReplicates} replicates per cell)",
            new Axis("p·T", Logarithmic: true), new Axis("rounds R", Logarithmic: true), pt, rounds, Scaled, "p·T·E[F(x̄^T) − F*]", true,
            [("R = (pT)^{1/3}", pt, pt.Select(Math.Cbrt).ToArray())]);
    }

    // Two-point slope of ln(p·T^k·E) between T0 and 16T0 at one configuration, paired on one seed.
    private LawOutcome Measure(ClaimContext context, PlConfiguration c, int replicates)
    {
        double level = 1 - context.AlphaPerAssertion;
        var schedule = new HaddadpourPeriod(c.PeriodScale);
        ulong seed = context.SeedFor($"explored/{c}");
        LocalSgdConfiguration At(int steps) => new(c.Problem, c.Workers, steps, InitialPoint, StepSize(schedule.PeriodFor(steps, c.Workers), c.Problem), schedule);
        var small = context.Simulate(At(c.BaseHorizon), replicates, seed);
        var large = context.Simulate(At(16 * c.BaseHorizon), replicates, seed);
        var errorSlope = TwoPointSlope(large.FinalErrors, small.FinalErrors, 16, level);
        var slope = new Interval(errorSlope.Low + PredictedErrorExponent, errorSlope.High + PredictedErrorExponent, errorSlope.Estimate + PredictedErrorExponent, level,
            errorSlope.Method, errorSlope.Assumption);
        double detectable = Math.Log(1 + ExperimentDesign.MinimumDetectablePairedRatioChange(large.FinalErrors, small.FinalErrors, context.AlphaPerAssertion)) / Math.Log(16);
        return LawOutcome.FromDecision(VerdictRules.AtMost(slope, SlopeTolerance), slope, SlopeTolerance, "slope of ln(p·T·E) vs ln T",
            ReplayScenarios.MonteCarlo(Id, $"{c} at 16T0; the T0 run is the same scenario with steps {c.BaseHorizon}", At(16 * c.BaseHorizon), replicates, seed, large.FinalError.Mean), detectable)
            with { Note = $"p·T·E = {Compact(c.Workers * (double)c.BaseHorizon * small.FinalError.Mean)} at T0, {Compact(c.Workers * 16.0 * c.BaseHorizon * large.FinalError.Mean)} at 16T0" };
    }

    private List<AssertionResult> RoundAssertions(int workers, int[] horizons, SimulationResult[] results)
    {
        var schedule = new HaddadpourPeriod(PeriodScale);
        var list = new List<AssertionResult>();
        // The simulated schedules make exactly ⌈T/τ⌉ rounds, within the derived Θ((pT)^{1/3}) bounds.
        for (int h = 0; h < horizons.Length; h++)
        {
            int rounds = results[h].SyncSteps!.Length;
            int expected = ScheduleRounds.OfConstantPeriod(horizons[h], schedule.PeriodFor(horizons[h], workers));
            list.Add(Assertions.ExactlyEqual($"rounds at T = {horizons[h]} equal ⌈T/τ⌉", rounds, expected, 0, id: $"rounds-at-t{horizons[h]}"));
        }
        bool allWithin = true;
        double worstLow = double.PositiveInfinity;
        foreach (int t in RoundCheckHorizons.Concat(horizons))
        {
            int rounds = ScheduleRounds.OfConstantPeriod(t, schedule.PeriodFor(t, workers));
            var (lower, upper) = HaddadpourTheory.LupaRoundBounds(t, workers, PeriodScale);
            allWithin &= rounds >= lower * (1 - 1e-12) && rounds <= upper;
            worstLow = Math.Min(worstLow, rounds - lower);
        }
        list.Add(new AssertionResult("(pT)^{1/3}/c ≤ R < T/(c(T²/p)^{1/3} − 1) + 1 for T = 10³..10⁹ and the simulated horizons",
            allWithin ? Verdict.Pass : Verdict.Fail, new Quantity("smallest R − (pT)^{1/3}/c", worstLow), new Prediction("≥ 0 (derived bounds)", 0, 0),
            worstLow, "exact, schedule only") { Id = "round-count-bounds" });
        double exponent = RoundExponent(workers, schedule);
        double gap = Math.Abs(exponent - PredictedRoundExponent);
        list.Add(new AssertionResult("rounds grow like (pT)^e", gap <= RoundExponentTolerance ? Verdict.Pass : Verdict.Fail,
            new Quantity("fitted exponent of R in pT (T = 10³..10⁹)", exponent), new Prediction($"{Compact(PredictedRoundExponent)} ± {Compact(RoundExponentTolerance)}", PredictedRoundExponent,
                PredictedRoundExponent - RoundExponentTolerance, PredictedRoundExponent + RoundExponentTolerance),
            RoundExponentTolerance - gap, "exact: least-squares slope of ln R on ln(pT), schedule only") { Id = "round-exponent" });
        return list;
    }

    private static double RoundExponent(int workers, HaddadpourPeriod schedule)
    {
        double[] x = RoundCheckHorizons.Select(t => Math.Log((double)workers * t)).ToArray();
        double[] y = RoundCheckHorizons.Select(t => Math.Log(ScheduleRounds.OfConstantPeriod(t, schedule.PeriodFor(t, workers)))).ToArray();
        return LeastSquares.Fit(x, y, 0.95).Slope;
    }
}

/// <summary>A configuration of <see cref="PlRateClaim"/>: label noise ν, p, the period scale c and T0.</summary>
public sealed record PlConfiguration(double LabelNoise, int Workers, double PeriodScale, int BaseHorizon)
{
    /// <summary>The least squares of <see cref="HaddadpourExperiments"/> with this label noise.</summary>
    public LeastSquaresProblem Problem => new(HaddadpourExperiments.Rows, HaddadpourExperiments.Columns, HaddadpourExperiments.BatchSize, LabelNoise, HaddadpourExperiments.DataSeed, HaddadpourExperiments.Rank);

    /// <summary>Smaller configurations: p toward 2, T0 toward 250, then ν and c toward the paper's 0.5 and 1.</summary>
    public IEnumerable<PlConfiguration> Shrink()
    {
        if (Workers > 2) yield return this with { Workers = Workers / 2 };
        if (BaseHorizon > 250) yield return this with { BaseHorizon = BaseHorizon / 2 };
        foreach (double v in SpaceParts.Toward(LabelNoise, 0.5, [0.25, 0.5, 1])) yield return this with { LabelNoise = v };
        foreach (double s in SpaceParts.Toward(PeriodScale, 1, [0.5, 1, 2])) yield return this with { PeriodScale = s };
    }

    /// <summary>"ν = 0.5, p = 4, τ = ⌊1·(T²/p)^{1/3}⌋, T0 = 500".</summary>
    public override string ToString() => $"least squares ν = {Compact(LabelNoise)}, p = {Integer(Workers)}, τ = ⌊{Compact(PeriodScale)}·(T²/p)^(1/3)⌋, T0 = {Integer(BaseHorizon)}";
}
