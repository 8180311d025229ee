using LocalSgdVerify.Checks.Framework;
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
            periods.Select(h => $"constant-period H = {h}").ToArray(), replicates, Assertions: periods.Length + 1,
            Notes: "statistical: decay exponent per H vs the integrated prediction; drift ratio of the largest H to SGD vs K");
    }

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
        };
        var verdict = ClaimResult.Combine(assertions);
        return new ClaimResult(Id, verdict, ratioAssertion.Measured, ratioAssertion.Predicted, ratioAssertion.Margin, assertions, evidence, [figure],
            (long)replicates * periods.Length);
    }
}
