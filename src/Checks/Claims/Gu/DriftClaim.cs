using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Checks.Claims.Gu.GuExperiments;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Gu;

/// <summary>
/// Problem: the label-noise uv toy, ℓ = ½(uv − 1 − ε)², ε ~ N(0, s²), K = 4 workers with local batch B_loc = 1
/// (global batch B = 4), started on the manifold uv = 1 at D0 = u² − v² = 3. Algorithm: Local SGD with constant η
/// and period H ∈ {1, 10, 100, 1000} (H = 1 is SGD with batch B). Guarantee [derived for the toy, claims.md §4 G1]:
/// E D follows dD/dt = −(η²s²/B)·(2/(2 − ηλ))·[1 + (K − 1)ψ_d]·D, ψ_d = 1 − (1 − b^{2H})/(H(1 − b²)), b = 1 − ηλ,
/// λ = √(D² + 4); the decay exponent ln(D0/E D_T) is checked against the integrated prediction within a relative
/// tolerance, and the drift ratio exponent(H)/exponent(1) against K for the largest H (about K times SGD's drift
/// once H ≫ 1/(ηλ)). D is measured at the output x̄ at steps that are sync points of every compared H, where x̄
/// equals every worker: the prediction is for the iterate right after averaging (between averagings D(x̄) is not
/// the workers' mean D). Source: Gu, Lyu, Huang, Arora, "Why (and when) does local SGD generalize better than
/// SGD?", ICLR 2023 [abstract; toy dynamics derived].
/// </summary>
public sealed class DriftClaim : IClaim
{
    /// <summary>
    /// Relative tolerance on the decay exponent, fixed before any run: the slow dynamics drop terms of relative order
    /// ηλ ≈ 0.07–0.11 here beyond the 2/(2 − ηλ) factor they keep (and E Π(1 − δ²) vs exp(−Σ E δ²)); 10% covers them
    /// and still rejects a drift factor off by 2×, or a missing local factor (K − 1)ψ_d.
    /// </summary>
    public const double ExponentTolerance = 0.10;

    /// <summary>Relative tolerance of exponent(H_max)/exponent(1) around K: covers 1 − ψ_d(H_max) ≤ 8% and the noise.</summary>
    public const double RatioTolerance = 0.15;

    /// <summary>η.</summary>
    public const double StepSize = 0.03;

    /// <summary>The paper's prediction: the large-H drift is K times SGD's.</summary>
    public DriftClaim() : this(Workers) { }

    /// <summary>A claim whose formula uses 1 + (M − 1)ψ_d with a planted large-H multiple M instead of K (power tests).</summary>
    public DriftClaim(double largeRoundMultiple) => LargeRoundMultiple = largeRoundMultiple;

    /// <summary>M, the predicted drift multiple of Local SGD over SGD once H ≫ 1/(ηλ) (K in the paper).</summary>
    public double LargeRoundMultiple { get; }

    /// <summary>Largest η·λ at the start admitted as "small learning rate" (the paper-scale 0.03·√13 ≈ 0.11 is inside).</summary>
    public const double SmallStepSharpness = 0.15;

    /// <summary>Smallest predicted decay exponent ln(D0/E D_T) admitted: below it the drift is too small to measure against a 10% tolerance at the claim's sample sizes.</summary>
    public const double SmallestExponent = 0.2;

    /// <summary>
    /// The claim's space on the uv toy (claims.md §4a, G1): label noise s ∈ {0.5, 1, 2}, K ∈ {2, 4, 8}, B_loc = 1,
    /// D0 ∈ {2, 3, 4} on the manifold, constant η ∈ {0.01, 0.02, 0.03} with η·λ(D0) ≤ 0.15, H ∈ {1, 10, 100, 1000},
    /// T ∈ {2000, 4000}, and long enough training that the predicted decay exponent is at least 0.2.
    /// </summary>
    public AssumptionSpace<GuSetting> Space => new(
        GuSetting.Generator([1, 10, 100, 1000], [2000, 4000]),
        c => c.Shrink(2000),
        c => c.StartStepSharpness <= SmallStepSharpness && c.Period <= c.Steps && c.Workers >= 2 && PredictedExponent(c) >= SmallestExponent,
        c => c.ToString(),
        [
            new Hypothesis("label-noise uv toy ℓ = ½(uv − 1 − ε)², ε ~ N(0, s²), s ∈ {0.5, 1, 2} > 0, B_loc = 1, start on the manifold uv = 1 at D0 ∈ {2, 3, 4}", "claims.md §2 and §4a, G1"),
            new Hypothesis($"small learning rate: constant η ∈ {{0.01, 0.02, 0.03}} with η·λ(D0) ≤ {Compact(SmallStepSharpness)} (well below 2)", "claims.md §4a, G1; Gu et al. (ICLR 2023) small-learning-rate regime [abstract]"),
            new Hypothesis("K ∈ {2, 4, 8} workers, period H ∈ {1, 10, 100, 1000} ≤ T, T ∈ {2000, 4000}", "claims.md §4 G1"),
            new Hypothesis($"training long enough to measure the drift: predicted ln(D0/E D_T) ≥ {Compact(SmallestExponent)}", "claims.md §4 G2 (the benefit needs long enough training)"),
        ]);

    /// <summary>Toy configurations explored: quick 2, ci 3, full 12.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 2,
        Profile.Ci => 3,
        _ => 12,
    };

    /// <inheritdoc/>
    public string Id => "gu.G1";

    /// <inheritdoc/>
    public string Title => "Local SGD drifts along the manifold of minima up to K times faster than SGD (uv toy)";

    /// <inheritdoc/>
    public string Statement => "In the small-learning-rate regime, E[u² − v²] of Local SGD on the label-noise uv toy follows dD/dt = −(η²s²/B)(2/(2 − ηλ))[1 + (K − 1)ψ_d]D, so the drift is about K times SGD's once H ≫ 1/(ηλ).";

    /// <inheritdoc/>
    public string Source => "Gu, Lyu, Huang, Arora (ICLR 2023); claims.md §4 G1 and the uv-toy dynamics [derived]";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        $"uv toy, s = {Compact(LabelNoise)}, K = {Workers}, B_loc = {LocalBatch}, B = {Workers * LocalBatch}; start on uv = 1 at D0 = {Compact(InitialDifference)}",
        $"constant η = {Compact(StepSize)}, so ηλ ≤ {Compact(StepSize * GuTheory.Sharpness(InitialDifference))} (small learning rate)",
        "D measured at x̄ at steps that are sync points for every H (x̄ equals every worker there)",
        "Student t intervals for E D_T (D_T has light tails: a product of factors 1 − δ² near 1)",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Statistical;

    private static (int Steps, int[] Periods, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (2000, [1, 10, 100], 150),
        Profile.Ci => (4000, [1, 10, 100, 1000], 1500),
        _ => (8000, [1, 10, 100, 1000], 10000),
    };

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (steps, periods, replicates) = Size(profile);
        return new ClaimDesign($"{ToySetting}, η = {Compact(StepSize)}", [Workers], [steps],
            periods.Select(h => $"constant-period H = {h}").ToArray(), replicates, Assertions: periods.Length + 1 + Configurations(profile),
            Notes: $"statistical: decay exponent per H vs the integrated prediction; drift ratio of the largest H to SGD vs K; {Configurations(profile)} toy configurations drawn from the claim's seed, each one decay-exponent assertion");
    }

    /// <summary>
    /// The toy dynamics' ln(D0/E D_T) at a configuration, with the claim's drift multiple scaled to its K (M·K/4: K itself
    /// as the paper predicts, a planted multiple keeps its proportion to K).
    /// </summary>
    public double PredictedExponent(GuSetting c) => Math.Log(c.InitialDifference /
        GuTheory.PredictDifference(c.InitialDifference, [c.Steps], _ => c.StepSize, _ => c.Period, c.LabelNoise, LocalBatch, c.Workers, LargeRoundMultiple * c.Workers / Workers)[0]);

    /// <summary>The predicted D at the given steps (increasing, ≥ 1) for period H, with the claim's drift multiple.</summary>
    public double[] Predict(int period, IReadOnlyList<int> steps)
        => GuTheory.PredictDifference(InitialDifference, steps, _ => StepSize, _ => period, LabelNoise, LocalBatch, Workers, LargeRoundMultiple);

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (steps, periods, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        var stepSize = new ConstantStepSize(StepSize);
        int difference = DifferenceIndex;
        var results = new SimulationResult[periods.Length];
        var checkpoints = new int[periods.Length][];
        for (int h = 0; h < periods.Length; h++)
        {
            // Checkpoints at sync points of this H only (T is a sync point of every schedule).
            checkpoints[h] = Checkpoints(steps, Math.Max(periods[h], steps / 20));
            results[h] = Simulate(steps, stepSize, new ConstantPeriod(periods[h]), checkpoints[h], replicates, context);
            context.Report((h + 1.0) / periods.Length);
        }

        var assertions = new List<AssertionResult>();
        var exponents = new Interval[periods.Length];
        var halfExponents = new Interval[periods.Length];
        var predictedExponents = new double[periods.Length];
        for (int h = 0; h < periods.Length; h++)
        {
            double[] finals = Final(results[h], difference);
            exponents[h] = DecayExponent(finals, level);
            halfExponents[h] = DecayExponent(finals, 1 - alpha / 2);
            predictedExponents[h] = Math.Log(InitialDifference / Predict(periods[h], [steps])[0]);
            var decision = VerdictRules.EqualsWithinRelativeTolerance(exponents[h], predictedExponents[h], ExponentTolerance);
            var summary = SampleSummary.Of(finals);
            double detectableMean = ExperimentDesign.MinimumDetectableDifference(summary.StandardDeviation, replicates, alpha);
            double detectable = Math.Abs(Math.Log(summary.Mean / Math.Max(summary.Mean - detectableMean, 1e-300))) / Math.Max(predictedExponents[h], 1e-300);
            assertions.Add(new AssertionResult($"H = {periods[h]}: decay exponent ln(D0/E D_T) matches the toy dynamics",
                decision.Verdict, new Quantity("ln(D0/E D_T)", exponents[h].Estimate, "", exponents[h].Low, exponents[h].High, level),
                new Prediction($"{Compact(predictedExponents[h])} ± {Compact(ExponentTolerance * 100)}%", predictedExponents[h],
                    predictedExponents[h] * (1 - ExponentTolerance), predictedExponents[h] * (1 + ExponentTolerance)),
                decision.Margin, $"{exponents[h].Method}; {exponents[h].Assumption}", alpha, detectable, "detectable discrepancy relative to the predicted exponent") { Id = $"decay-exponent-h{periods[h]}" });
        }

        // Drift ratio of the largest H against SGD (H = 1): two intervals at 1 − α/2 each, so the pair holds with 1 − α.
        int largest = periods.Length - 1;
        var ratio = new Interval(halfExponents[largest].Low / halfExponents[0].High, halfExponents[largest].High / Math.Max(halfExponents[0].Low, 0),
            exponents[largest].Estimate / exponents[0].Estimate, level, "quotient of two Student-t-based exponent intervals at 1 − α/2 each (Bonferroni)",
            halfExponents[0].Assumption);
        if (!(halfExponents[0].Low > 0)) ratio = new Interval(double.NegativeInfinity, double.PositiveInfinity, ratio.Estimate, level, ratio.Method, ratio.Assumption);
        var ratioDecision = VerdictRules.EqualsWithinRelativeTolerance(ratio, LargeRoundMultiple, RatioTolerance);
        var ratioAssertion = new AssertionResult($"drift ratio exponent(H = {periods[largest]})/exponent(H = 1) approaches K", ratioDecision.Verdict,
            new Quantity("drift ratio", ratio.Estimate, "", ratio.Low, ratio.High, level),
            new Prediction($"{Compact(LargeRoundMultiple)} ± {Compact(RatioTolerance * 100)}% (toy dynamics: {Compact(predictedExponents[largest] / predictedExponents[0])})",
                LargeRoundMultiple, LargeRoundMultiple * (1 - RatioTolerance), LargeRoundMultiple * (1 + RatioTolerance)),
            ratioDecision.Margin, ratio.Method, alpha) { Id = "drift-ratio" };
        assertions.Add(ratioAssertion);
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile),
            $"ln(D0/E D_T) / toy-dynamics prediction within 1 ± {Compact(ExponentTolerance)} (Student t)", c => Measure(context, c, replicates, alpha), shrinkBudget: 4);
        assertions.AddRange(exploration.Explored.Select((e, i) => LawAssertions.FromOutcome($"exponent-at-explored-{i + 1}", $"decay exponent / prediction at {e.Configuration}",
            e.Outcome, new Prediction($"1 ± {Compact(ExponentTolerance)} (toy dynamics)", 1, 1 - ExponentTolerance, 1 + ExponentTolerance), alpha)));

        var series = new List<FigureSeries>();
        for (int h = 0; h < periods.Length; h++)
        {
            var statistics = results[h].ObservableStatistics["difference"];
            series.Add(new FigureSeries($"H = {periods[h]} (Monte Carlo, 95% t)", checkpoints[h].Select(t => (double)t).ToArray(),
                statistics.Select(s => s.Mean).ToArray(), statistics.Select(s => s.ConfidenceLow).ToArray(), statistics.Select(s => s.ConfidenceHigh).ToArray(), SeriesStyle.Markers));
            int[] fine = Checkpoints(steps, Math.Max(1, steps / 100));
            series.Add(new FigureSeries($"H = {periods[h]} (predicted)", new[] { 0.0 }.Concat(fine.Select(t => (double)t)).ToArray(),
                new[] { InitialDifference }.Concat(Predict(periods[h], fine)).ToArray(), Style: SeriesStyle.Line));
        }
        var figure = new Figure("gu-g1-difference", $"E[u² − v²] at x̄ against steps, K = {Workers}, η = {Compact(StepSize)}: Monte Carlo and the toy dynamics",
            new Axis("step t"), new Axis("E[u² − v²]", Logarithmic: true), series, []);

        var evidence = new List<string>
        {
            $"K = {Workers}, B_loc = {LocalBatch}, η = {Compact(StepSize)}, T = {steps}, {replicates} replicates per H; D0 = {Compact(InitialDifference)}.",
            "Decay exponents ln(D0/E D_T): " + string.Join("; ", periods.Select((h, i) => $"H = {h}: {exponents[i].ToCompactString()} vs predicted {Compact(predictedExponents[i])}")) + $" (accepted ±{Compact(ExponentTolerance * 100)}%).",
            $"Drift ratio H = {periods[largest]} vs SGD: {ratio.ToCompactString()}; K = {Workers}, toy dynamics {Compact(predictedExponents[largest] / predictedExponents[0])}.",
            "D is read at x̄ at sync steps, where x̄ is every worker's iterate: averaging the workers does not average their D (D(x̄) = mean D_i − (Var_i u − Var_i v)), so the prediction is for the iterate right after averaging.",
            $"Across the toy's space: {exploration.Explored.Count} configurations, largest measured/bound {Compact(exploration.WorstRatio)} at {exploration.Worst?.Configuration}.",
        };
        var verdict = ClaimResult.Combine(assertions);
        return new ClaimResult(Id, verdict, ratioAssertion.Measured, ratioAssertion.Predicted, ratioAssertion.Margin, assertions, evidence, [figure],
            (long)replicates * (periods.Length + exploration.Explored.Count)) { Exploration = exploration.ToReport() };
    }

    // ln(D0/E D_T) at one toy configuration over the toy dynamics' prediction, with its Student t interval scaled alike.
    private LawOutcome Measure(ClaimContext context, GuSetting c, int replicates, double alpha)
    {
        ulong seed = context.SeedFor($"explored/{c}");
        var configuration = c.Configuration(new ConstantStepSize(c.StepSize), new ConstantPeriod(c.Period), [c.Steps]);
        var result = context.Simulate(configuration, replicates, seed);
        double[] finals = Final(result, DifferenceIndex);
        double predicted = PredictedExponent(c);
        var exponent = DecayExponent(finals, 1 - alpha, c.InitialDifference);
        var scaled = new Interval(exponent.Low / predicted, exponent.High / predicted, exponent.Estimate / predicted, exponent.Level, exponent.Method + ", over the prediction", exponent.Assumption);
        var decision = VerdictRules.EqualsWithinRelativeTolerance(scaled, 1, ExponentTolerance);
        var summary = SampleSummary.Of(finals);
        double detectableMean = ExperimentDesign.MinimumDetectableDifference(summary.StandardDeviation, finals.Length, alpha);
        double detectable = Math.Abs(Math.Log(summary.Mean / Math.Max(summary.Mean - detectableMean, 1e-300))) / Math.Max(predicted, 1e-300);
        return LawOutcome.FromDecision(decision, scaled, 1 + ExponentTolerance, "ln(D0/E D_T) / predicted exponent",
            ReplayScenarios.MonteCarlo(Id, $"{c}: D = u² − v² at x̄ at T is the 'difference' observable", configuration, replicates, seed, result.FinalError.Mean), detectable)
            with { Note = $"predicted exponent {Compact(predicted)}, measured {exponent.ToCompactString()}" };
    }
}
