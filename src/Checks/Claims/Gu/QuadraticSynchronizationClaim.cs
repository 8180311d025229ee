using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Checks.Claims.Gu.GuExperiments;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Gu;

/// <summary>
/// Problem: the label-noise uv toy of G1 (K = 4, B_loc = 1, s = 1, start on uv = 1 at D0 = 3). Algorithm: Local SGD
/// under a cosine learning rate with linear warm-up (peak 0.03, 400 warm-up steps, T = 4000, decaying to 0), with
/// the Quadratic Synchronization Rule H = max(H_base, ⌊(α/η_t)²⌋) (H_base = 2 during and after warm-up, α = 0.3)
/// against a constant period H chosen so that both make (as nearly as possible) the same number of rounds.
/// Guarantee [claims.md §4 Q1; Gu, Lyu, Arora, Zhang, Huang, ICLR 2024]: QSR lowers the final sharpness relative to
/// constant H at the same number of rounds when the learning rate decays. Decided by the paired Fieller interval of
/// E λ(Φ(x̄^T))[QSR]/E λ(Φ(x̄^T))[constant] being below 1 (sharpness at the gradient-flow projection onto the
/// manifold, as in G2).
/// </summary>
public sealed class QuadraticSynchronizationClaim : IClaim
{
    /// <summary>Peak learning rate, warm-up steps and horizon.</summary>
    public const double PeakStepSize = 0.03;

    /// <summary>Linear warm-up length (steps); QSR uses H_base during it.</summary>
    public const int WarmupSteps = 400;

    /// <summary>T.</summary>
    public const int Steps = 4000;

    /// <summary>QSR's H_base and α.</summary>
    public const int BasePeriod = 2;

    /// <summary>α in H = ⌊(α/η)²⌋: H = 100 at the peak learning rate.</summary>
    public const double GrowthCoefficient = 0.3;

    /// <summary>The paper's prediction: QSR ends flatter.</summary>
    public QuadraticSynchronizationClaim() : this(true) { }

    /// <summary>A claim with a planted ordering (false: QSR ends sharper), for power tests.</summary>
    public QuadraticSynchronizationClaim(bool predictQsrFlatter) => PredictQsrFlatter = predictQsrFlatter;

    /// <summary>True: QSR's final sharpness is lower than constant H's.</summary>
    public bool PredictQsrFlatter { get; }

    /// <summary>
    /// The claim's space on the uv toy (claims.md §4a, Q1): s ∈ {0.5, 1, 2}, K ∈ {2, 4, 8}, B_loc = 1, D0 ∈ {2, 3, 4}, a
    /// cosine learning rate decaying to 0 with peak η ∈ {0.02, 0.03} (η·λ(D0) ≤ 0.15) after a linear warm-up
    /// W ∈ {200, 400, 800}, T = 4000, QSR with H_base = 2 and α ∈ {0.2, 0.3}, against the constant H with the closest
    /// round count.
    /// </summary>
    public static AssumptionSpace<GuSetting> Space { get; } = new(
        from noise in Gen.Elements<double>(GuSetting.NoiseGrid)
        from workers in Gen.Elements(2, 4, 8)
        from difference in Gen.Elements<double>(GuSetting.DifferenceGrid)
        from peak in Gen.Elements(0.02, 0.03)
        from warmup in Gen.Elements(200, 400, 800)
        from growth in Gen.Elements(0.2, 0.3)
        select new GuSetting(noise, workers, difference, peak, 0, Steps, warmup, growth),
        c => c.Shrink(Steps).Where(s => s.Steps == Steps).Concat(c.Warmup != WarmupSteps ? [c with { Warmup = WarmupSteps }] : [])
            .Concat(c.GrowthCoefficient != GrowthCoefficient ? [c with { GrowthCoefficient = GrowthCoefficient }] : []),
        c => c.StartStepSharpness <= DriftClaim.SmallStepSharpness && c.Workers >= 2 && c.Warmup > 0 && c.Warmup < c.Steps && c.GrowthCoefficient > 0,
        c => c.ToString(),
        [
            new Hypothesis("label-noise uv toy, s ∈ {0.5, 1, 2}, B_loc = 1, start on uv = 1 at D0 ∈ {2, 3, 4}; K ∈ {2, 4, 8}", "claims.md §2 and §4a, Q1"),
            new Hypothesis("decaying learning rate: cosine to 0 after a linear warm-up W ∈ {200, 400, 800} to a small peak η ∈ {0.02, 0.03} (η·λ(D0) ≤ 0.15), T = 4000", "claims.md §3 (step sizes) and §4 Q1"),
            new Hypothesis("QSR H = max(H_base, ⌊(α/η_t)²⌋), H_base = 2 (also during warm-up), α ∈ {0.2, 0.3}; constant H with the closest round count", "claims.md §3 QSR [code]; Gu et al. (ICLR 2024)"),
        ]);

    /// <summary>Toy configurations explored: quick 2, ci 3, full 12.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 2,
        Profile.Ci => 3,
        _ => 12,
    };

    /// <inheritdoc/>
    public string Id => "gu.Q1";

    /// <inheritdoc/>
    public string Title => "QSR (H ∝ 1/η²) ends flatter than constant H at the same number of rounds under a decaying learning rate";

    /// <inheritdoc/>
    public string Statement => "With a decaying learning rate, Local SGD whose period follows H = max(H_base, ⌊(α/η_t)²⌋) reaches lower final sharpness than Local SGD with a constant period making the same number of rounds.";

    /// <inheritdoc/>
    public string Source => "Gu, Lyu, Arora, Zhang, Huang, \"A Quadratic Synchronization Rule for Distributed Deep Learning\" (ICLR 2024); claims.md §3 QSR and §4 Q1";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        ToyAssumption,
        $"cosine learning rate with linear warm-up: peak {Compact(PeakStepSize)}, {WarmupSteps} warm-up steps, T = {Steps}, final 0",
        $"QSR: H_base = {BasePeriod} (also during warm-up), α = {Compact(GrowthCoefficient)}; constant H with the closest round count (ties: fewer rounds)",
        "paired replicates (common random numbers); sharpness at the gradient-flow projection Φ(x̄), λ = √(D² + 4)",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static int Replicates(Profile profile) => profile switch
    {
        Profile.Quick => 120,
        Profile.Ci => 1500,
        _ => 10000,
    };

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new(
        $"{ToySetting}, cosine η (peak {Compact(PeakStepSize)}, warm-up {WarmupSteps})",
        [Workers], [Steps], [$"qsr (H_base = {BasePeriod}, α = {Compact(GrowthCoefficient)})", "constant-period (matched rounds)"], Replicates(profile), Assertions: 1 + Configurations(profile),
        Notes: $"statistical: paired Fieller ratio of final projected sharpness QSR/constant < 1; rounds matched exactly on the schedules; {Configurations(profile)} toy configurations drawn from the claim's seed, each one paired ratio assertion");

    /// <summary>The learning rate.</summary>
    public static CosineWithWarmupStepSize LearningRate { get; } = new(PeakStepSize, WarmupSteps, Steps);

    /// <summary>QSR as run.</summary>
    public static QuadraticSynchronizationRule Rule { get; } = new(BasePeriod, GrowthCoefficient, WarmupSteps);

    /// <summary>The constant period whose round count ⌈T/H⌉ is closest to QSR's (ties: the larger H, i.e. fewer rounds).</summary>
    public static int MatchedPeriod(int totalSteps, int rounds)
    {
        int best = 1, bestGap = int.MaxValue;
        for (int h = Math.Max(1, totalSteps / rounds - 2); h <= totalSteps / rounds + 2; h++)
        {
            int gap = Math.Abs(ScheduleRounds.OfConstantPeriod(totalSteps, h) - rounds);
            if (gap <= bestGap) { best = h; bestGap = gap; }
        }
        return best;
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        int replicates = context.Replicates(Replicates(context.Profile));
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        int[] qsrSync = SyncStepsOf(Rule, Steps, LearningRate);
        int period = MatchedPeriod(Steps, qsrSync.Length);
        var constant = new ConstantPeriod(period);
        int[] constantSync = SyncStepsOf(constant, Steps, LearningRate);
        int[] checkpoints = Checkpoints(Steps, Steps / 20);
        var qsr = Simulate(Steps, LearningRate, Rule, checkpoints, replicates, context);
        context.Report(0.5);
        var fixedPeriod = Simulate(Steps, LearningRate, constant, checkpoints, replicates, context);
        context.Report(1);

        int difference = DifferenceIndex;
        double[] qsrFinal = ProjectedSharpness(Final(qsr, difference));
        double[] constantFinal = ProjectedSharpness(Final(fixedPeriod, difference));
        var ratio = PairedComparison.RatioOfMeans(qsrFinal, constantFinal, level);
        var decision = PredictQsrFlatter ? VerdictRules.AtMost(ratio.Interval, 1) : VerdictRules.AtLeast(ratio.Interval, 1);
        double detectable = ExperimentDesign.MinimumDetectablePairedRatioChange(qsrFinal, constantFinal, alpha);

        var qsrLengths = ScheduleRounds.LengthByStep(qsrSync, Steps);
        double predictedQsr = GuTheory.PredictDifference(InitialDifference, [Steps], LearningRate.At, t => qsrLengths[t], LabelNoise, LocalBatch, Workers)[0];
        double predictedConstant = GuTheory.PredictDifference(InitialDifference, [Steps], LearningRate.At, _ => period, LabelNoise, LocalBatch, Workers)[0];
        double predictedRatio = GuTheory.Sharpness(predictedQsr) / GuTheory.Sharpness(predictedConstant);
        var (noWarmupRatio, noWarmupRounds, noWarmupPeriod) = PredictedWithoutWarmupFloor();

        var assertion = new AssertionResult($"E λ(Φ(x̄^T)) QSR / constant H = {period} {(PredictQsrFlatter ? "<" : ">")} 1 ({qsrSync.Length} vs {constantSync.Length} rounds)",
            decision.Verdict, new Quantity("final sharpness ratio QSR/constant", ratio.Interval.Estimate, "", ratio.Interval.Low, ratio.Interval.High, level),
            new Prediction(PredictQsrFlatter ? $"< 1 (toy dynamics: {Compact(predictedRatio)})" : "> 1 (QSR sharper)", predictedRatio, PredictQsrFlatter ? null : 1, PredictQsrFlatter ? 1 : null),
            decision.Margin, $"{ratio.Interval.Method}; {ratio.Interval.Assumption}", alpha, detectable) { Id = "sharpness-ratio" };

        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile),
            $"E λ(Φ(x̄^T)) QSR / constant H (matched rounds) {(PredictQsrFlatter ? "<" : ">")} 1 (Fieller, paired)", c => Measure(context, c, replicates, alpha), shrinkBudget: 4);
        var assertions = new List<AssertionResult> { assertion };
        assertions.AddRange(exploration.Explored.Select((e, i) => LawAssertions.FromOutcome($"ratio-at-explored-{i + 1}", $"E λ(Φ(x̄^T)) QSR / constant H at {e.Configuration}",
            e.Outcome, new Prediction(PredictQsrFlatter ? "< 1 (QSR flatter)" : "> 1 (QSR sharper)", null, PredictQsrFlatter ? null : 1, PredictQsrFlatter ? 1 : null), alpha)));

        var (qsrMean, qsrLow, qsrHigh) = ProjectedSharpnessBand(qsr);
        var (constantMean, constantLow, constantHigh) = ProjectedSharpnessBand(fixedPeriod);
        int[] fine = Checkpoints(Steps, Steps / 100);
        var constantLengths = ScheduleRounds.LengthByStep(constantSync, Steps);
        double[] x = new[] { 0.0 }.Concat(fine.Select(t => (double)t)).ToArray();
        double[] Line(Func<int, int> lengths) => new[] { GuTheory.Sharpness(InitialDifference) }
            .Concat(GuTheory.PredictDifference(InitialDifference, fine, LearningRate.At, lengths, LabelNoise, LocalBatch, Workers).Select(GuTheory.Sharpness)).ToArray();
        var sharpnessFigure = new Figure("gu-q1-sharpness", "E λ(Φ(x̄)) against steps: QSR and constant H with the same number of rounds (Monte Carlo and toy dynamics)",
            new Axis("step t"), new Axis("E λ(Φ(x̄)) = E √(D² + 4)"),
            [
                new FigureSeries($"QSR ({qsrSync.Length} rounds)", checkpoints.Select(t => (double)t).ToArray(), qsrMean, qsrLow, qsrHigh, SeriesStyle.Markers),
                new FigureSeries($"constant H = {period} ({constantSync.Length} rounds)", checkpoints.Select(t => (double)t).ToArray(), constantMean, constantLow, constantHigh, SeriesStyle.Markers),
                new FigureSeries("QSR (predicted)", x, Line(t => qsrLengths[t]), Style: SeriesStyle.Line),
                new FigureSeries($"constant H = {period} (predicted)", x, Line(t => constantLengths[t]), Style: SeriesStyle.Line),
            ], [new ReferenceLine("flattest point (λ = 2)", 0, 2)]);
        var steps = Enumerable.Range(0, Steps).Where(t => t % 10 == 0).ToArray();
        var periodFigure = new Figure("gu-q1-periods", "Round length H_t against step: QSR and constant H",
            new Axis("step t"), new Axis("round length H_t (steps)", Logarithmic: true),
            [
                new FigureSeries("QSR", steps.Select(t => (double)t).ToArray(), steps.Select(t => (double)qsrLengths[t]).ToArray(), Style: SeriesStyle.Line),
                new FigureSeries($"constant H = {period}", steps.Select(t => (double)t).ToArray(), steps.Select(t => (double)constantLengths[t]).ToArray(), Style: SeriesStyle.Line),
            ], []);

        var evidence = new List<string>
        {
            $"Cosine η (peak {Compact(PeakStepSize)}, warm-up {WarmupSteps}, T = {Steps}); QSR H_base = {BasePeriod}, α = {Compact(GrowthCoefficient)}: {qsrSync.Length} rounds; constant H = {period}: {constantSync.Length} rounds; {replicates} paired replicates.",
            $"Final E λ(Φ(x̄)): QSR {Compact(qsrFinal.Average())}, constant {Compact(constantFinal.Average())}; ratio {Compact(ratio.Interval.Estimate)} [{Compact(ratio.Interval.Low)}, {Compact(ratio.Interval.High)}] at level 1 − {Compact(alpha)} (toy dynamics {Compact(predictedRatio)}); smallest detectable change {Compact(detectable)}.",
            $"Where the rounds go matters: QSR spends most of its rounds on the warm-up (H_base while η is small), where averaging costs the least drift. The toy dynamics predict that with no warm-up (cosine from the peak at step 0, QSR with the same α: {noWarmupRounds} rounds, against constant H = {noWarmupPeriod}) the ratio would be {Compact(noWarmupRatio)}: spreading rounds evenly is then as good or better, since the drift lost to averaging is largest where η is largest.",
            $"Across the toy's space: {exploration.Explored.Count} configurations, largest measured/bound {Compact(exploration.WorstRatio)} at {exploration.Worst?.Configuration}.",
        };
        return new ClaimResult(Id, ClaimResult.Combine(assertions), assertion.Measured, assertion.Predicted, assertion.Margin, assertions, evidence, [sharpnessFigure, periodFigure],
            (long)replicates * 2 * (1 + exploration.Explored.Count)) { Exploration = exploration.ToReport() };
    }

    // The paired ratio of final projected sharpness, QSR over its matched constant period, at one toy configuration.
    private LawOutcome Measure(ClaimContext context, GuSetting c, int replicates, double alpha)
    {
        ulong seed = context.SeedFor($"explored/{c}");
        var learningRate = new CosineWithWarmupStepSize(c.StepSize, c.Warmup, c.Steps);
        var rule = new QuadraticSynchronizationRule(BasePeriod, c.GrowthCoefficient, c.Warmup);
        int rounds = SyncSteps.Of(rule, new ScheduleContext(c.Steps, c.Workers, learningRate)).Count();
        int period = MatchedPeriod(c.Steps, rounds);
        var qsrConfiguration = c.Configuration(learningRate, rule, [c.Steps]);
        var qsr = context.Simulate(qsrConfiguration, replicates, seed);
        var constant = context.Simulate(c.Configuration(learningRate, new ConstantPeriod(period), [c.Steps]), replicates, seed);
        return SharpnessRatio(Id, "E λ(Φ(x̄^T)) QSR / constant H", $"{c}: the QSR run ({rounds} rounds); pair it with communication constant-period {period} under the same seed",
            qsrConfiguration, qsr, constant, PredictQsrFlatter, replicates, seed, alpha) with { Note = $"{rounds} QSR rounds against constant H = {period}" };
    }

    /// <summary>
    /// The toy dynamics' final-sharpness ratio of QSR against its matched constant H when the learning rate has no
    /// warm-up (cosine from the peak at step 0), so QSR has no H_base phase: a counterfactual reported as evidence.
    /// </summary>
    public static (double Ratio, int Rounds, int Period) PredictedWithoutWarmupFloor()
    {
        var learningRate = new CosineWithWarmupStepSize(PeakStepSize, 0, Steps);
        var rule = new QuadraticSynchronizationRule(BasePeriod, GrowthCoefficient);
        int[] sync = SyncStepsOf(rule, Steps, learningRate);
        int period = MatchedPeriod(Steps, sync.Length);
        var lengths = ScheduleRounds.LengthByStep(sync, Steps);
        double qsr = GuTheory.PredictDifference(InitialDifference, [Steps], learningRate.At, t => lengths[t], LabelNoise, LocalBatch, Workers)[0];
        double constant = GuTheory.PredictDifference(InitialDifference, [Steps], learningRate.At, _ => period, LabelNoise, LocalBatch, Workers)[0];
        return (GuTheory.Sharpness(qsr) / GuTheory.Sharpness(constant), sync.Length, period);
    }
}
