using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Checks.Claims.PatelDieuleveut.PatelDieuleveutTheory;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.PatelDieuleveut;

/// <summary>
/// Problem: scalar quadratic F(w) = μw²/2 (w* = 0) with additive Gaussian noise σ, μ = 1, σ = 1, w0 = 2.
/// Algorithm: Local SGD with P = 4 workers and constant η = 0.1 (b = 1 − ημ = 0.9) under every-step, one-shot,
/// constant-period, increasing-interval, growing-phase and an irregular explicit schedule. Guarantee [derived,
/// claims.md §4 P1]: E(x̄_t − w*)² = b^{2t}(w0 − w*)² + (η²σ²/P)(1 − b^{2t})/(1 − b²) for every schedule; its limit,
/// the long-term reduced variance ησ²/(Pμ(2 − ημ)), is at most ησ²/(Pμ); a worker s steps after its last averaging
/// adds the local iteration variance (1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²). Checked exactly (relative 1e-9) with the
/// exact moment engine, and corroborated by Monte Carlo (the simulator's mean against the closed form). Source:
/// Patel, Dieuleveut, "Communication trade-offs for synchronized distributed SGD with large step size" (2019),
/// Proposition 3 [poster; derived form].
/// </summary>
public sealed class ReducedVarianceClaim : IClaim
{
    /// <summary>Relative tolerance of the exact comparisons (claims.md §6).</summary>
    public const double ExactTolerance = 1e-9;

    /// <summary>
    /// Relative tolerance of the Monte Carlo corroboration: the closed form is exact, so this is only the resolution at
    /// which the simulator is checked (chosen so that the quick design's interval, ±6% at α ≈ 1e-6, can decide).
    /// </summary>
    public const double MonteCarloTolerance = 0.10;

    /// <summary>μ, σ, w0, η and P.</summary>
    public const double Curvature = 1, Noise = 1, InitialPoint = 2, StepSize = 0.1;

    /// <summary>P.</summary>
    public const int Workers = 4;

    private const int ExactSteps = 200, LongTermSteps = 2000, MonteCarloSteps = 100, EarlyCheckpoint = 10;

    /// <summary>The derived prediction.</summary>
    public ReducedVarianceClaim() : this(1.0) { }

    /// <summary>A claim whose predicted noise terms are multiplied by <paramref name="varianceScale"/> (power tests plant 2).</summary>
    public ReducedVarianceClaim(double varianceScale) => VarianceScale = varianceScale;

    /// <summary>Multiplier on every predicted noise term (1 = the derived closed forms).</summary>
    public double VarianceScale { get; }

    /// <summary>
    /// The proposition's space (claims.md §4a, P1): scalar quadratic μ ∈ [0.25, 4], additive σ ∈ [0.5, 2], w0 ∈ [−2, 2],
    /// constant η with 0 &lt; ημ &lt; 2, P ∈ 1..64, any static schedule, T ∈ {10, ..., 2000}.
    /// </summary>
    public static AssumptionSpace<ScalarQuadraticConfiguration> Space { get; } = new(
        ScalarQuadraticConfiguration.Generator(Gen.Elements(0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 1.5, 1.9), Gen.Constant(0.0), Gen.Elements(10, 50, 200, 1000, 2000), Gen.Choose(1, 64)),
        c => c.Shrink(10),
        c => c.StepProduct is > 0 and < 2 && c.DecayExponent == 0,
        c => c.ToString(),
        [
            new Hypothesis("F(w) = μw²/2, μ ∈ [0.25, 4], additive Gaussian noise σ ∈ [0.5, 2] (c = 0), w0 ∈ [−2, 2]", "claims.md §4 P1 [derived]"),
            new Hypothesis("constant η with 0 < ημ < 2 (ημ ≥ 2 diverges)", "claims.md §4a, P1"),
            new Hypothesis("any static schedule, P ∈ 1..64, T ∈ {10, 50, 200, 1000, 2000}", "claims.md §4 P1: 'for any schedule' [derived]"),
        ]);

    /// <summary>Configurations explored: quick 30, ci 200, full 2000.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 30,
        Profile.Ci => 200,
        _ => 2000,
    };

    /// <inheritdoc/>
    public string Id => "patel-dieuleveut.P1";

    /// <inheritdoc/>
    public string Title => "Averaged iterate: long-term reduced variance for any schedule, plus the local iteration variance per worker";

    /// <inheritdoc/>
    public string Statement => "On a scalar quadratic with constant η and additive noise, E(x̄_t − w*)² = b^{2t}(w0 − w*)² + (η²σ²/P)(1 − b^{2t})/(1 − b²) for any schedule, tending to ησ²/(Pμ(2 − ημ)) ≤ ησ²/(Pμ); a worker s steps after averaging adds (1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²).";

    /// <inheritdoc/>
    public string Source => "Patel, Dieuleveut (2019), Proposition 3; claims.md §4 P1 [derived]";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        $"F(w) = μw²/2, μ = {Compact(Curvature)}, w* = 0; additive Gaussian noise σ = {Compact(Noise)} per worker and step (c = 0)",
        $"constant η = {Compact(StepSize)} (b = {Compact(1 - StepSize * Curvature)}), P = {Workers}, w0 = {Compact(InitialPoint)}",
        "exact: the moment recursions of claims.md §5; Monte Carlo: Student t intervals (x̄² has light enough tails: a scaled noncentral χ²₁)",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static int Replicates(Profile profile) => profile switch
    {
        Profile.Quick => 12000,
        Profile.Ci => 50000,
        _ => 200000,
    };

    private static ICommunicationSchedule[] Schedules =>
    [
        new EveryStep(), new OneShot(), new ConstantPeriod(7), new IncreasingIntervals(RoundCount.Fixed(8)), new GrowingPhases(1, 1),
        new ExplicitSchedule([3, 4, 17, 40, 41, 42, 90, 155, 199, ExactSteps]),
    ];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new(
        $"scalar quadratic μ = {Compact(Curvature)}, σ = {Compact(Noise)}, c = 0, w0 = {Compact(InitialPoint)}, η = {Compact(StepSize)}", [Workers], [ExactSteps, LongTermSteps, MonteCarloSteps],
        Schedules.Select(s => s.Kind).ToArray(), Replicates(profile), Assertions: 2,
        Notes: "exact: engine vs closed forms at every step for every schedule; statistical: Monte Carlo E x̄² at two steps vs the closed form");

    private static SeparableQuadratic Problem { get; } = new([Curvature], 0, Noise);

    private double PredictedAverage(int steps)
    {
        double b = 1 - StepSize * Curvature;
        return Math.Pow(b * b, steps) * InitialPoint * InitialPoint
            + VarianceScale * (AverageMeanSquaredError(steps, StepSize, Curvature, Noise, Workers, InitialPoint) - Math.Pow(b * b, steps) * InitialPoint * InitialPoint);
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var stepSize = new ConstantStepSize(StepSize);
        var assertions = new List<AssertionResult>();
        int[] everyStep = Enumerable.Range(1, ExactSteps).ToArray();

        // Any schedule: the engine's E x̄_t² against the closed form at every step.
        var worstBySchedule = new List<(string Kind, double Gap)>();
        SeparableMomentTrajectory? constantPeriodTrajectory = null;
        int[]? constantPeriodSync = null;
        foreach (var schedule in Schedules)
        {
            int[] sync = SyncSteps.Of(schedule, new ScheduleContext(ExactSteps, Workers, stepSize));
            var trajectory = SeparableQuadraticMoments.Compute(Problem, Workers, [InitialPoint], stepSize, ExactSteps, sync, everyStep, recordCoordinates: true);
            double worst = 0;
            for (int c = 0; c < everyStep.Length; c++)
                worst = Math.Max(worst, RelativeGap(trajectory.AverageSecondMoments![c][0], PredictedAverage(everyStep[c])));
            worstBySchedule.Add((schedule.Kind, worst));
            assertions.Add(new AssertionResult($"{schedule.Kind}: E(x̄_t − w*)² equals the closed form for t = 1..{ExactSteps}",
                worst <= ExactTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("largest relative gap", worst),
                new Prediction($"≤ {Compact(ExactTolerance)}", 0, 0, ExactTolerance), ExactTolerance - worst, "exact moment engine (claims.md §5)") { Id = $"closed-form-{schedule.Kind}" });
            if (schedule is ConstantPeriod) { constantPeriodTrajectory = trajectory; constantPeriodSync = sync; }
        }

        // The long-term reduced variance and its bound.
        var longTerm = SeparableQuadraticMoments.Compute(Problem, Workers, [InitialPoint], stepSize, LongTermSteps,
            SyncSteps.Of(new ConstantPeriod(7), new ScheduleContext(LongTermSteps, Workers, stepSize)), [LongTermSteps], recordCoordinates: true);
        double reduced = VarianceScale * LongTermReducedVariance(StepSize, Curvature, Noise, Workers);
        double bound = VarianceScale * LongTermVarianceBound(StepSize, Curvature, Noise, Workers);
        double longGap = RelativeGap(longTerm.AverageSecondMoments![0][0], reduced);
        assertions.Add(new AssertionResult($"E(x̄_T − w*)² at T = {LongTermSteps} equals ησ²/(Pμ(2 − ημ))", longGap <= ExactTolerance ? Verdict.Pass : Verdict.Fail,
            new Quantity("E x̄_T²", longTerm.AverageSecondMoments[0][0]), new Prediction($"= {Compact(reduced)}, relative tolerance {Compact(ExactTolerance)}", reduced, reduced * (1 - ExactTolerance), reduced * (1 + ExactTolerance)), ExactTolerance - longGap,
            $"exact moment engine; relative gap {Compact(longGap)} (b^(2T) = {Compact(Math.Pow(1 - StepSize * Curvature, 2 * LongTermSteps))})") { Id = "long-term-variance" });
        assertions.Add(new AssertionResult("ησ²/(Pμ(2 − ημ)) ≤ ησ²/(Pμ)", reduced <= bound ? Verdict.Pass : Verdict.Fail,
            new Quantity("long-term reduced variance", reduced), new Prediction($"≤ {Compact(bound)}", null, null, bound), bound - reduced, "exact (2 − ημ ≥ 1 since ημ ≤ 1)") { Id = "variance-bound" });

        // The local iteration variance of a worker s steps after its last averaging (constant period 7).
        double scale = VarianceScale * LocalIterationVariance(int.MaxValue / 4, StepSize, Curvature, Noise, Workers);
        var local = new double[ExactSteps];
        var localPredicted = new double[ExactSteps];
        double localWorst = 0;
        var syncSet = new HashSet<int>(constantPeriodSync!);
        int lastSync = 0;
        for (int c = 0; c < everyStep.Length; c++)
        {
            int t = everyStep[c];
            if (syncSet.Contains(t)) lastSync = t;
            local[c] = constantPeriodTrajectory!.WorkerSecondMoments![c][0] - constantPeriodTrajectory.AverageSecondMoments![c][0];
            localPredicted[c] = VarianceScale * LocalIterationVariance(t - lastSync, StepSize, Curvature, Noise, Workers);
            localWorst = Math.Max(localWorst, Math.Abs(local[c] - localPredicted[c]) / scale);
        }
        assertions.Add(new AssertionResult("constant period 7: E(x_i − w*)² − E(x̄ − w*)² equals the local iteration variance at every step",
            localWorst <= ExactTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("largest gap relative to the limit (1 − 1/P)η²σ²/(1 − b²)", localWorst),
            new Prediction($"≤ {Compact(ExactTolerance)}", 0, 0, ExactTolerance), ExactTolerance - localWorst, "exact moment engine (per-worker and average second moments)") { Id = "local-iteration-variance" });

        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile),
            "E(x̄_t − w*)² from the exact engine equals b^(2t)(w0 − w*)² + (η²σ²/P)(1 − b^(2t))/(1 − b²) within 1e-9 relative at t = T/4, T/2, T", c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("closed-form-everywhere", "exact moment recursions (claims.md §5) at every explored configuration"));

        // Monte Carlo corroboration with the simulator.
        int replicates = context.Replicates(Replicates(context.Profile));
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        int[] monteCarloCheckpoints = Enumerable.Range(1, MonteCarloSteps / 5).Select(i => 5 * i).ToArray();
        var configuration = new LocalSgdConfiguration(Problem, Workers, MonteCarloSteps, [InitialPoint], stepSize, new ConstantPeriod(7), checkpoints: monteCarloCheckpoints);
        context.Cancellation.ThrowIfCancellationRequested();
        var simulation = context.Simulate(configuration, replicates, context.Seed);
        context.Report(1);
        // F = μx²/2, so (x̄ − w*)² = 2F/μ replicate by replicate.
        double[] Squares(int checkpoint) => simulation.Errors[checkpoint].Select(e => 2 * e / Curvature).ToArray();
        foreach (int step in new[] { EarlyCheckpoint, MonteCarloSteps })
        {
            int index = Array.IndexOf(monteCarloCheckpoints, step);
            double[] squares = Squares(index);
            var interval = MeanIntervals.StudentT(squares, level);
            double predicted = PredictedAverage(step);
            var decision = VerdictRules.EqualsWithinRelativeTolerance(interval, predicted, MonteCarloTolerance);
            var summary = SampleSummary.Of(squares);
            double detectable = ExperimentDesign.MinimumDetectableRelativeDifference(summary.Mean, summary.StandardDeviation, replicates, alpha);
            assertions.Add(new AssertionResult($"Monte Carlo E(x̄_t − w*)² at t = {step} (constant period 7) matches the closed form",
                decision.Verdict, new Quantity("Monte Carlo mean of (x̄_t − w*)²", interval.Estimate, "", interval.Low, interval.High, level),
                new Prediction($"{Compact(predicted)} ± {Compact(MonteCarloTolerance * 100)}%", predicted, predicted * (1 - MonteCarloTolerance), predicted * (1 + MonteCarloTolerance)),
                decision.Margin, $"{interval.Method}; {interval.Assumption}", alpha, detectable, "detectable discrepancy is relative to the mean") { Id = $"monte-carlo-t{step}" });
        }

        var figures = Figures(monteCarloCheckpoints, simulation, local, localPredicted, constantPeriodSync!);
        int headlineIndex = assertions.FindIndex(a => a.Name.StartsWith("E(x̄_T", StringComparison.Ordinal));
        var headline = assertions[headlineIndex];
        var evidence = new List<string>
        {
            $"P = {Workers}, η = {Compact(StepSize)}, μ = {Compact(Curvature)}, σ = {Compact(Noise)}, w0 = {Compact(InitialPoint)}: the exact engine matches the closed form at every step t = 1..{ExactSteps} for {Schedules.Length} schedules; largest relative gaps: {string.Join(", ", worstBySchedule.Select(w => $"{w.Kind} {Compact(w.Gap)}"))}.",
            $"Long-term reduced variance: engine {Compact(longTerm.AverageSecondMoments[0][0])} at T = {LongTermSteps}, ησ²/(Pμ(2 − ημ)) = {Compact(reduced)} ≤ ησ²/(Pμ) = {Compact(bound)}.",
            $"Local iteration variance (constant period 7): largest gap {Compact(localWorst)} of its limit {Compact(scale)}; it grows back from 0 after every averaging.",
            $"Monte Carlo ({replicates} replicates, simulator, constant period 7): E x̄² at t = {EarlyCheckpoint}: {Compact(assertions[^2].Measured.Value)} [{Compact(assertions[^2].Measured.Low!.Value)}, {Compact(assertions[^2].Measured.High!.Value)}] vs {Compact(PredictedAverage(EarlyCheckpoint))}; at t = {MonteCarloSteps}: {Compact(assertions[^1].Measured.Value)} [{Compact(assertions[^1].Measured.Low!.Value)}, {Compact(assertions[^1].Measured.High!.Value)}] vs {Compact(PredictedAverage(MonteCarloSteps))}.",
        };
        evidence.Add($"Across the space: {exploration.Explored.Count} configurations explored (ημ up to 1.9, P up to 64, every static schedule); largest relative gap {Compact(exploration.WorstRatio * ExactTolerance)} at {exploration.Worst?.Configuration}.");
        return new ClaimResult(Id, ClaimResult.Combine(assertions), headline.Measured, headline.Predicted, headline.Margin, assertions, evidence, figures,
            replicates) { Exploration = exploration.ToReport() };
    }

    // The largest relative gap between the engine's E x̄_t² (= 2 E F(x̄_t)/μ) and the closed form at t = T/4, T/2, T.
    private LawOutcome Measure(ClaimContext context, ScalarQuadraticConfiguration c)
    {
        int[] checkpoints = new[] { c.Steps / 4, c.Steps / 2, c.Steps }.Where(t => t >= 1).Distinct().ToArray();
        var configuration = c.Configuration(checkpoints: checkpoints);
        var errors = FinalErrors.ExpectedAtCheckpoints(context, configuration);
        double gap = 0;
        for (int i = 0; i < checkpoints.Length; i++)
        {
            double b2t = Math.Pow(1 - c.StepProduct, 2 * checkpoints[i]);
            double predicted = b2t * c.Start * c.Start + VarianceScale * (AverageMeanSquaredError(checkpoints[i], c.StepScale, c.Curvature, c.Noise, c.Workers, c.Start) - b2t * c.Start * c.Start);
            gap = Math.Max(gap, RelativeGap(2 * errors[i] / c.Curvature, predicted));
        }
        return LawOutcome.AtMost(double.IsNaN(gap) ? double.PositiveInfinity : gap, ExactTolerance, "largest relative gap of E(x̄_t − w*)² to the closed form",
            ReplayScenarios.Exact(Id, c.ToString(), configuration, errors[^1], context.Seed));
    }

    private static double RelativeGap(double measured, double predicted) => Math.Abs(measured - predicted) / Math.Max(Math.Abs(predicted), 1e-300);

    private IReadOnlyList<Figure> Figures(int[] checkpoints, SimulationResult simulation, double[] local, double[] localPredicted, int[] sync)
    {
        int[] steps = Enumerable.Range(1, ExactSteps).ToArray();
        var stepSize = new ConstantStepSize(StepSize);
        var exactOneShot = SeparableQuadraticMoments.Compute(Problem, Workers, [InitialPoint], stepSize, ExactSteps, [ExactSteps], steps, recordCoordinates: true);
        var mean = simulation.ErrorStatistics.Select(s => 2 * s.Mean / Curvature).ToArray();
        var low = simulation.ErrorStatistics.Select(s => 2 * s.ConfidenceLow / Curvature).ToArray();
        var high = simulation.ErrorStatistics.Select(s => 2 * s.ConfidenceHigh / Curvature).ToArray();
        var average = new Figure("patel-p1-average", "E(x̄_t − w*)²: closed form, exact engine (one-shot) and Monte Carlo (constant period 7, 95% t band)",
            new Axis("step t"), new Axis("E(x̄_t − w*)²", Logarithmic: true),
            [
                new FigureSeries("closed form (any schedule)", steps.Select(t => (double)t).ToArray(), steps.Select(PredictedAverage).ToArray(), Style: SeriesStyle.Line),
                new FigureSeries("exact engine, one-shot", steps.Where(t => t % 5 == 0).Select(t => (double)t).ToArray(),
                    steps.Where(t => t % 5 == 0).Select(t => exactOneShot.AverageSecondMoments![t - 1][0]).ToArray(), Style: SeriesStyle.Markers),
                new FigureSeries("Monte Carlo, constant period 7", checkpoints.Select(t => (double)t).ToArray(), mean, low, high, SeriesStyle.Markers),
            ],
            [new ReferenceLine("long-term reduced variance ησ²/(Pμ(2 − ημ))", 0, VarianceScale * LongTermReducedVariance(StepSize, Curvature, Noise, Workers)),
             new ReferenceLine("bound ησ²/(Pμ)", 0, VarianceScale * LongTermVarianceBound(StepSize, Curvature, Noise, Workers))]);
        var localFigure = new Figure("patel-p1-local-variance", $"Local iteration variance E(x_i − w*)² − E(x̄ − w*)², constant period 7 (syncs at {sync[0]}, {sync[1]}, ...)",
            new Axis("step t"), new Axis("extra variance of one worker"),
            [
                new FigureSeries("exact engine", steps.Select(t => (double)t).ToArray(), local, Style: SeriesStyle.Markers),
                new FigureSeries("(1 − 1/P)η²σ²(1 − b^{2s})/(1 − b²)", steps.Select(t => (double)t).ToArray(), localPredicted, Style: SeriesStyle.Line),
            ], []);
        return [average, localFigure];
    }

}
