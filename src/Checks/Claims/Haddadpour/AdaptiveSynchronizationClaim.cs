using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Simulation;
using static LocalSgdVerify.Checks.Claims.Haddadpour.HaddadpourExperiments;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Haddadpour;

/// <summary>
/// Problem: the rank-deficient least squares of H1 (PL, x-dependent noise from sampled rows) with its 48 rows partitioned
/// among the p workers, one contiguous block each (the distributed setting of the paper; on identical data every
/// schedule reaches about the same error, so the claim could not fail there). Algorithm: ADA-LUPA,
/// Local SGD whose periods grow, by the experiment rule τ_i = (1 + iα)τ0 with E = ⌈(pT)^{1/3}⌉ target rounds
/// (<see cref="AdaLupaLinear"/>) and by the paper rule τ_i = ⌈(F(x̄^0)/F(x̄^{t_i}))^{1/3}⌉τ0 (<see cref="AdaLupaLoss"/>,
/// with F − F* for F), against LUPA with the constant period τ0. Guarantee [poster; claims.md §3–§4 H2]:
/// (a) the periods meet the three sufficient conditions Σ τ_i = T, Σ τ_i(τ_i − 1) = O(T²), (max τ_i)³ = O(T²/(pB)),
/// checked as exact equality and as ratios to T² that stay below a priori constants (linear rule) or do not grow
/// (loss rule, per run, by their medians) as T grows ×16; (b) about the same error with several times fewer rounds:
/// the paired ratio E error(ADA-LUPA)/E error(LUPA τ0) is at most a stated band while the rounds ratio is at least a
/// stated factor. Source: Haddadpour, Kamani, Mahdavi, Cadambe, NeurIPS 2019 [abstract, poster].
/// </summary>
public sealed class AdaptiveSynchronizationClaim : IClaim
{
    /// <summary>"About the same error": E error(ADA-LUPA)/E error(LUPA τ0) ≤ 1.5, fixed before any run (a 50% loss would no longer be "the same").</summary>
    public const double DefaultErrorBand = 1.5;

    /// <summary>"Several times fewer rounds": LUPA's rounds / ADA-LUPA's rounds ≥ 2.</summary>
    public const double DefaultRoundsFactor = 2;

    /// <summary>τ0, the initial period of ADA-LUPA and LUPA's constant period.</summary>
    public const int InitialPeriod = 4;

    /// <summary>c_E in E = ⌈c_E (pT)^{1/3}⌉, the linear rule's target rounds (the LUPA round count of H1).</summary>
    public const double RoundScale = 1.0;

    private readonly ICommunicationSchedule? fewRoundsSchedule;

    /// <summary>The paper's prediction: error within 1.5× of LUPA τ0 with at least 2× fewer rounds.</summary>
    public AdaptiveSynchronizationClaim() : this(DefaultErrorBand, DefaultRoundsFactor) { }

    /// <summary>
    /// A claim with another error band and rounds factor (power tests plant wrong ones), and optionally another schedule
    /// run in place of the linear rule at 16T0 (a power test puts one-shot averaging there: it has fewer rounds still, and
    /// on partitioned data it must lose the accuracy the claim promises).
    /// </summary>
    public AdaptiveSynchronizationClaim(double errorBand, double roundsFactor, ICommunicationSchedule? fewRoundsSchedule = null)
    {
        ErrorBand = errorBand;
        RoundsFactor = roundsFactor;
        this.fewRoundsSchedule = fewRoundsSchedule;
    }

    /// <summary>Largest accepted E error(ADA-LUPA)/E error(LUPA τ0).</summary>
    public double ErrorBand { get; }

    /// <summary>Smallest accepted rounds(LUPA τ0)/rounds(ADA-LUPA).</summary>
    public double RoundsFactor { get; }

    /// <inheritdoc/>
    public string Id => "haddadpour.H2";

    /// <inheritdoc/>
    public string Title => "ADA-LUPA: periods meet the sufficient conditions; about the same error with several times fewer rounds";

    /// <inheritdoc/>
    public string Source => "Haddadpour, Kamani, Mahdavi, Cadambe (NeurIPS 2019), ADA-LUPA; claims.md §3–§4 H2 [abstract, poster]";

    /// <inheritdoc/>
    public string Statement => "ADA-LUPA's growing periods satisfy Σ τ_i = T, Σ τ_i(τ_i − 1) = O(T²) and (max τ_i)³ = O(T²/(pB)), and reach about the same error as frequent averaging with several times fewer rounds.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        "the PL least-squares design of H1 (rank 3 of 5, sampled rows, label noise) with 48 rows partitioned among the p workers: worker i samples only its own block of 48/p rows (heterogeneous data)",
        $"η_t = α/(μ(t + β)), α = 2, β = max(2αL_max/μ, τ0), the same for every schedule",
        $"τ0 = {InitialPeriod}; linear rule with E = ⌈(pT)^{{1/3}}⌉; loss rule uses F(x̄) − F*",
        "paired replicates (common random numbers) across schedules",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Statistical;

    private static (int Workers, int BaseHorizon, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (2, 200, 400),
        Profile.Ci => (4, 800, 1500),
        _ => (8, 4000, 10000),
    };

    private const int HorizonGrowth = 16;

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, baseHorizon, replicates) = Size(profile);
        return new ClaimDesign(PartitionedSetting, [workers],
            [baseHorizon, HorizonGrowth * baseHorizon], ["ada-lupa-linear", "ada-lupa-loss", $"constant-period τ0 = {InitialPeriod}"], replicates, Assertions: 4,
            Notes: "statistical: loss rule's median condition ratios do not grow (2), error ratios vs LUPA τ0 (2); exact: sums, linear-rule constants, round counts");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, baseHorizon, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        int largeHorizon = HorizonGrowth * baseHorizon;
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        var stepSize = StepSize(InitialPeriod, PartitionedProblem(workers));
        var assertions = new List<AssertionResult>();
        var evidence = new List<string>();

        // (a) Linear rule: exact, on the schedule alone, over T0..16T0 and further.
        var linearHorizons = Enumerable.Range(0, 5).Select(j => baseHorizon << j).Concat([1_000_000, 10_000_000]).Distinct().OrderBy(t => t).ToArray();
        double squaresConstant = HaddadpourTheory.LinearRuleSecondConditionConstant(baseHorizon, workers, InitialPeriod, RoundScale);
        double longestConstant = HaddadpourTheory.LinearRuleThirdConditionConstant(baseHorizon, workers, BatchSize, InitialPeriod, RoundScale);
        var linearConditions = linearHorizons.Select(t => HaddadpourTheory.Conditions(
            SyncSteps.Of(LinearRule(t, workers), new ScheduleContext(t, workers, stepSize)), t, workers, BatchSize)).ToArray();
        bool sumsExact = linearConditions.Select((c, j) => c.SumOfPeriods == linearHorizons[j]).All(x => x);
        assertions.Add(new AssertionResult("linear rule: Σ τ_i = T at every horizon", sumsExact ? Verdict.Pass : Verdict.Fail,
            new Quantity("largest |Σ τ_i − T|", linearConditions.Select((c, j) => Math.Abs(c.SumOfPeriods - linearHorizons[j])).Max()), new Prediction("0", 0), 0, "exact") { Id = "linear-sum-of-periods" });
        double worstSquares = linearConditions.Max(c => c.SquaresRatio), worstLongest = linearConditions.Max(c => c.LongestRatio);
        assertions.Add(new AssertionResult("linear rule: Σ τ_i(τ_i − 1)/T² below its a priori constant for T ≥ T0",
            worstSquares <= squaresConstant ? Verdict.Pass : Verdict.Fail, new Quantity("largest Σ τ(τ − 1)/T²", worstSquares),
            new Prediction($"≤ {Compact(squaresConstant)} = (τ0 + 1 + 2T0^(2/3)/(c_E p^(1/3)))/T0", null, null, squaresConstant), squaresConstant - worstSquares, "exact, schedule only") { Id = "linear-squares-bound" });
        assertions.Add(new AssertionResult("linear rule: (max τ)³pB/T² below its a priori constant for T ≥ T0",
            worstLongest <= longestConstant ? Verdict.Pass : Verdict.Fail, new Quantity("largest (max τ)³pB/T²", worstLongest),
            new Prediction($"≤ {Compact(longestConstant)} = (τ0 + 1 + 2T0^(2/3)/(c_E p^(1/3)))³pB/T0² (→ 8B/c_E³ = {Compact(8.0 * BatchSize / Math.Pow(RoundScale, 3))})", null, null, longestConstant),
            longestConstant - worstLongest, "exact, schedule only") { Id = "linear-longest-bound" });

        // Runs: the loss rule at T0 and 16T0 (per-run periods), LUPA τ0 and the linear rule at 16T0.
        context.Cancellation.ThrowIfCancellationRequested();
        var lossSmall = RunReplicates(context, Configuration(workers, baseHorizon, new AdaLupaLoss(InitialPeriod)), replicates);
        context.Report(0.1);
        var lossLarge = RunReplicates(context, Configuration(workers, largeHorizon, new AdaLupaLoss(InitialPeriod)), replicates);
        context.Report(0.4);
        var lupa = context.Simulate(Configuration(workers, largeHorizon, new ConstantPeriod(InitialPeriod)), replicates, context.Seed);
        context.Report(0.7);
        var linearRule = LinearRule(largeHorizon, workers);
        var linear = context.Simulate(Configuration(workers, largeHorizon, fewRoundsSchedule ?? linearRule), replicates, context.Seed);
        context.Report(1);

        // (a) Loss rule, per run.
        var smallConditions = lossSmall.Select(o => HaddadpourTheory.Conditions(o.SyncSteps, baseHorizon, workers, BatchSize)).ToArray();
        var largeConditions = lossLarge.Select(o => HaddadpourTheory.Conditions(o.SyncSteps, largeHorizon, workers, BatchSize)).ToArray();
        int sumMismatches = smallConditions.Count(c => c.SumOfPeriods != baseHorizon) + largeConditions.Count(c => c.SumOfPeriods != largeHorizon);
        assertions.Add(new AssertionResult("loss rule: Σ τ_i = T in every run", sumMismatches == 0 ? Verdict.Pass : Verdict.Fail,
            new Quantity("runs with Σ τ_i ≠ T", sumMismatches), new Prediction("0", 0), -sumMismatches, "exact, every replicate at T0 and 16T0") { Id = "loss-sum-of-periods" });
        assertions.Add(NoGrowth("loss-squares-no-growth", "loss rule: median Σ τ(τ − 1)/T² does not grow from T0 to 16T0",
            smallConditions.Select(c => c.SquaresRatio).ToArray(), largeConditions.Select(c => c.SquaresRatio).ToArray(), alpha));
        assertions.Add(NoGrowth("loss-longest-no-growth", "loss rule: median (max τ)³pB/T² does not grow from T0 to 16T0",
            smallConditions.Select(c => c.LongestRatio).ToArray(), largeConditions.Select(c => c.LongestRatio).ToArray(), alpha));

        // (b) Error and rounds against LUPA τ0 at 16T0.
        int lupaRounds = lupa.SyncSteps!.Length, linearRounds = linear.SyncSteps!.Length;
        double[] lossErrors = lossLarge.Select(o => o.FinalError).ToArray();
        int lossRoundsMax = lossLarge.Max(o => o.SyncSteps.Count);
        var linearRatio = ErrorRatio("linear", "linear rule", linear.FinalErrors, lupa.FinalErrors, alpha);
        var lossRatio = ErrorRatio("loss", "loss rule", lossErrors, lupa.FinalErrors, alpha);
        assertions.Add(linearRatio);
        assertions.Add(lossRatio);
        assertions.Add(RoundsAtLeast("linear", "linear rule", lupaRounds, linearRounds));
        assertions.Add(RoundsAtLeast("loss", "loss rule (run with the most rounds)", lupaRounds, lossRoundsMax));

        double Median(IEnumerable<double> values) { var sorted = values.OrderBy(v => v).ToArray(); return sorted[(sorted.Length - 1) / 2]; }
        evidence.Add($"p = {workers}, τ0 = {InitialPeriod}, T0 = {baseHorizon}, 16T0 = {largeHorizon}, {replicates} paired replicates.");
        evidence.Add($"Linear rule over T = {linearHorizons[0]}..{linearHorizons[^1]}: Σ τ(τ − 1)/T² from {Compact(linearConditions[0].SquaresRatio)} to {Compact(linearConditions[^1].SquaresRatio)} (constant {Compact(squaresConstant)}), (max τ)³pB/T² from {Compact(linearConditions[0].LongestRatio)} to {Compact(linearConditions[^1].LongestRatio)} (constant {Compact(longestConstant)}). Σ τ(τ − 1) ≤ T(T − 1) holds for every partition of T, so the second condition binds only through its constant.");
        evidence.Add($"Loss rule, median over runs: Σ τ(τ − 1)/T² {Compact(Median(smallConditions.Select(c => c.SquaresRatio)))} → {Compact(Median(largeConditions.Select(c => c.SquaresRatio)))}, (max τ)³pB/T² {Compact(Median(smallConditions.Select(c => c.LongestRatio)))} → {Compact(Median(largeConditions.Select(c => c.LongestRatio)))}; worst run {Compact(smallConditions.Max(c => c.LongestRatio))} → {Compact(largeConditions.Max(c => c.LongestRatio))} (longest period {smallConditions.Max(c => c.Longest)} of {baseHorizon}, {largeConditions.Max(c => c.Longest)} of {largeHorizon}): the rule reads one noisy F(x̄), and a run that happens to be near x* at a round start takes a very long round.");
        evidence.Add($"At T = {largeHorizon}: rounds LUPA τ0 {lupaRounds}, linear {linearRounds}, loss {Compact(lossLarge.Average(o => o.SyncSteps.Count))} on average (at most {lossRoundsMax}); error ratio vs LUPA τ0: linear {Compact(linearRatio.Measured.Value)} [{Compact(linearRatio.Measured.Low!.Value)}, {Compact(linearRatio.Measured.High!.Value)}], loss {Compact(lossRatio.Measured.Value)} [{Compact(lossRatio.Measured.Low!.Value)}, {Compact(lossRatio.Measured.High!.Value)}] (accepted ≤ {Compact(ErrorBand)}). On partitioned data the workers' iterates drift toward their own blocks' minimisers between averages, so long rounds cost accuracy (on identical data with decaying steps the errors nearly coincide).");

        var figures = Figures(linearRule, largeHorizon, workers, stepSize, lossLarge, lupa, linear, lossErrors);
        var verdict = ClaimResult.Combine(assertions);
        // Headline: the linear rule's error ratio, the paper's "same error, fewer rounds" in one number.
        return new ClaimResult(Id, verdict, linearRatio.Measured, linearRatio.Predicted, linearRatio.Margin, assertions, evidence, figures, (long)replicates * 4);
    }

    private static AdaLupaLinear LinearRule(int totalSteps, int workers) => new(InitialPeriod, HaddadpourTheory.AdaLupaRounds(totalSteps, workers, RoundScale));

    private static LocalSgdConfiguration Configuration(int workers, int totalSteps, ICommunicationSchedule schedule)
        => new(PartitionedProblem(workers), workers, totalSteps, InitialPoint, StepSize(InitialPeriod, PartitionedProblem(workers)), schedule);

    // Median at 16T0 at most the median at T0: the O(T²)-type ratio does not grow. Each median interval at 1 − α/2.
    private static AssertionResult NoGrowth(string id, string name, double[] atBase, double[] atLarge, double alpha)
    {
        var small = QuantileIntervals.Median(atBase, 1 - alpha / 2);
        var large = QuantileIntervals.Median(atLarge, 1 - alpha / 2);
        var verdict = large.High <= small.Low ? Verdict.Pass : large.Low > small.High ? Verdict.Fail : Verdict.Inconclusive;
        return new AssertionResult(name, verdict, new Quantity("median at 16T0", large.Estimate, "", large.Low, large.High, large.Level),
            new Prediction($"≤ median at T0 = {Compact(small.Estimate)} [{Compact(small.Low)}, {Compact(small.High)}]", small.Estimate, null, small.Low),
            small.Low - large.High, "order-statistic median intervals (distribution-free), each at 1 − α/2", alpha,
            Note: "Pass needs the whole 16T0 interval below the whole T0 interval") { Id = id };
    }

    private AssertionResult ErrorRatio(string key, string rule, double[] adaptive, double[] lupa, double alpha)
    {
        var ratio = PairedComparison.RatioOfMeans(adaptive, lupa, 1 - alpha);
        var decision = VerdictRules.AtMost(ratio.Interval, ErrorBand);
        double detectable = ExperimentDesign.MinimumDetectablePairedRatioChange(adaptive, lupa, alpha);
        return new AssertionResult($"{rule}: E error(ADA-LUPA)/E error(LUPA τ0) ≤ {Compact(ErrorBand)}", decision.Verdict,
            new Quantity("error ratio", ratio.Interval.Estimate, "", ratio.Interval.Low, ratio.Interval.High, ratio.Interval.Level),
            new Prediction($"≤ {Compact(ErrorBand)} (about the same error)", 1, null, ErrorBand), decision.Margin,
            $"{ratio.Interval.Method}; {ratio.Interval.Assumption}", alpha, detectable, "one-sided use of a two-sided interval") { Id = $"{key}-error-ratio" };
    }

    private AssertionResult RoundsAtLeast(string key, string rule, int lupaRounds, int adaptiveRounds)
    {
        double factor = (double)lupaRounds / adaptiveRounds;
        return new AssertionResult($"{rule}: rounds(LUPA τ0)/rounds(ADA-LUPA) ≥ {Compact(RoundsFactor)}", factor >= RoundsFactor ? Verdict.Pass : Verdict.Fail,
            new Quantity("rounds ratio", factor), new Prediction($"≥ {Compact(RoundsFactor)} (several times fewer rounds)", null, RoundsFactor), factor - RoundsFactor,
            $"exact count: {lupaRounds} vs {adaptiveRounds}") { Id = $"{key}-rounds-factor" };
    }

    private static IReadOnlyList<Figure> Figures(AdaLupaLinear linearRule, int totalSteps, int workers, Model.StepSizes.IStepSizeSchedule stepSize,
        RunOutcome[] lossRuns, SimulationResult lupa, SimulationResult linear, double[] lossErrors)
    {
        var linearPeriods = HaddadpourTheory.Conditions(SyncSteps.Of(linearRule, new ScheduleContext(totalSteps, workers, stepSize)), totalSteps, workers, BatchSize).Periods;
        var series = new List<FigureSeries>
        {
            new("linear rule", Enumerable.Range(0, linearPeriods.Count).Select(i => (double)i).ToArray(), linearPeriods.Select(p => (double)p).ToArray()),
        };
        foreach (int replicate in new[] { 0, 1, 2 })
        {
            var periods = HaddadpourTheory.Conditions(lossRuns[replicate].SyncSteps, totalSteps, workers, BatchSize).Periods;
            series.Add(new FigureSeries($"loss rule, run {replicate}", Enumerable.Range(0, periods.Count).Select(i => (double)i).ToArray(),
                periods.Select(p => (double)p).ToArray(), Style: SeriesStyle.Markers));
        }
        var periodFigure = new Figure("haddadpour-h2-periods", $"ADA-LUPA periods τ_i against round index (T = {totalSteps}, p = {workers})",
            new Axis("round index i"), new Axis("period τ_i (steps)", Logarithmic: true), series, [new ReferenceLine($"LUPA τ0 = {InitialPeriod}", 0, InitialPeriod)]);

        var lossSummary = SampleStatistics.Of(lossErrors);
        double scale = (double)workers * totalSteps;
        var points = new (string Name, double Rounds, SampleStatistics Error)[]
        {
            ($"LUPA τ0 = {InitialPeriod}", lupa.SyncSteps!.Length, lupa.FinalError),
            ("ADA-LUPA linear", linear.SyncSteps!.Length, linear.FinalError),
            ("ADA-LUPA loss (mean rounds)", lossRuns.Average(o => o.SyncSteps.Count), lossSummary),
        };
        var errorFigure = new Figure("haddadpour-h2-error-vs-rounds", $"p·T·E[F − F*] against the number of rounds (T = {totalSteps})",
            new Axis("rounds", Logarithmic: true), new Axis("p·T·E[F − F*]"),
            points.Select(p => new FigureSeries(p.Name, [p.Rounds], [scale * p.Error.Mean], [scale * p.Error.ConfidenceLow], [scale * p.Error.ConfidenceHigh], SeriesStyle.Markers)).ToArray(),
            [new ReferenceLine("LUPA τ0 level", 0, scale * lupa.FinalError.Mean)]);
        return [periodFigure, errorFigure];
    }
}
