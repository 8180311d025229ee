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
/// Problem: the label-noise uv toy of G1 (K = 4, B_loc = 1, s = 1, start on uv = 1 at D0 = 3). Algorithm: Local SGD
/// with H = 100 against SGD (H = 1) with the same global batch, in three regimes: small η = 0.03 with a long horizon
/// (T = 2000), the same η with a short horizon (T = 50), and a large η = 0.1 (ηλ up to 0.36) with the long horizon.
/// Guarantee [abstract, claims.md §4 G2]: the benefit needs both a small learning rate and long enough training;
/// remove either and it vanishes. Sharpness is read at the gradient-flow projection Φ(x̄) onto the manifold,
/// λ(Φ(x̄)) = √(D² + 4), the quantity of Gu et al.'s slow dynamics. Decided as: the advantage
/// A = 1 − E λ(Φ(x̄_Local))/E λ(Φ(x̄_SGD)) at T is positive in
/// the small-η, long regime (paired ratio interval below 1), and in each of the other two regimes it is below a
/// stated fraction f = 1/4 of the main advantage. In the toy the large-η advantage vanishes because SGD's own drift
/// (∝ η²) already flattens the iterate within the horizon; the short-horizon one because neither has drifted yet.
/// Source: Gu, Lyu, Huang, Arora, ICLR 2023 [abstract].
/// </summary>
public sealed class RegimeClaim : IClaim
{
    /// <summary>"Vanishes": the advantage is below this fraction of the small-η, long-horizon advantage (fixed a priori).</summary>
    public const double DefaultVanishFraction = 0.25;

    /// <summary>The small and the large learning rate.</summary>
    public const double SmallStepSize = 0.03, LargeStepSize = 0.1;

    /// <summary>Local SGD's period.</summary>
    public const int LocalPeriod = 100;

    /// <summary>The long and the short horizon (steps), chosen from the toy dynamics before any run: the predicted advantage
    /// is near its largest at T = 2000 and about a tenth of it at T = 50.</summary>
    public const int LongHorizon = 2000, ShortHorizon = 50;

    /// <summary>The paper's prediction: Local SGD flatter in the main regime, advantage below a quarter of it otherwise.</summary>
    public RegimeClaim() : this(true, DefaultVanishFraction) { }

    /// <summary>A claim with a planted ordering (false: Local SGD sharper) or vanishing fraction (power tests).</summary>
    public RegimeClaim(bool predictLocalFlatter, double vanishFraction)
    {
        PredictLocalFlatter = predictLocalFlatter;
        VanishFraction = vanishFraction;
    }

    /// <summary>True: Local SGD ends flatter than SGD in the small-η, long-horizon regime.</summary>
    public bool PredictLocalFlatter { get; }

    /// <summary>f: "vanishes" means A(regime) &lt; f·A(main).</summary>
    public double VanishFraction { get; }

    /// <summary>Smallest advantage the toy dynamics must predict for a configuration to count as "long enough training" (1%).</summary>
    public const double SmallestPredictedAdvantage = 0.01;

    /// <summary>
    /// The main regime's space on the uv toy (claims.md §4a, G2): s ∈ {0.5, 1, 2}, K ∈ {2, 4, 8}, B_loc = 1, D0 ∈ {2, 3, 4},
    /// a small constant η ∈ {0.01, 0.02, 0.03} (η·λ(D0) ≤ 0.15), H ∈ {10, 100}, T ∈ {2000, 4000}, and training long enough
    /// that the toy dynamics predict an advantage of at least 1%.
    /// </summary>
    public static AssumptionSpace<GuSetting> Space { get; } = new(
        GuSetting.Generator([10, 100], [2000, 4000]),
        c => c.Shrink(2000),
        c => c.StartStepSharpness <= DriftClaim.SmallStepSharpness && c.Period <= c.Steps && c.Workers >= 2 && PredictedAdvantage(c) >= SmallestPredictedAdvantage,
        c => c.ToString(),
        [
            new Hypothesis("label-noise uv toy, s ∈ {0.5, 1, 2}, B_loc = 1, start on uv = 1 at D0 ∈ {2, 3, 4}; K ∈ {2, 4, 8}", "claims.md §2 and §4a, G2"),
            new Hypothesis($"small learning rate: constant η ∈ {{0.01, 0.02, 0.03}}, η·λ(D0) ≤ {Compact(DriftClaim.SmallStepSharpness)}", "claims.md §4 G2; Gu et al. (ICLR 2023), contribution (iii) [abstract]"),
            new Hypothesis($"long enough training: T ∈ {{2000, 4000}}, H ∈ {{10, 100}}, the toy dynamics predict an advantage ≥ {Compact(SmallestPredictedAdvantage)}", "claims.md §4 G2 [abstract]; uv-toy dynamics [derived]"),
            new Hypothesis("Local SGD against SGD with the same global batch under common random numbers", "claims.md §4 G1–G2"),
        ]);

    /// <summary>Toy configurations explored in the main regime: quick 2, ci 3, full 12.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 2,
        Profile.Ci => 3,
        _ => 12,
    };

    /// <summary>The toy dynamics' advantage 1 − λ(D_Local(T))/λ(D_SGD(T)) on the manifold at a configuration.</summary>
    public static double PredictedAdvantage(GuSetting c) =>
        1 - GuTheory.Sharpness(c.PredictedDifference(_ => c.StepSize, _ => Math.Min(c.Period, c.Steps))) / GuTheory.Sharpness(c.PredictedDifference(_ => c.StepSize, _ => 1));

    /// <inheritdoc/>
    public string Id => "gu.G2";

    /// <inheritdoc/>
    public string Title => "Local SGD's lower sharpness needs a small learning rate and long enough training";

    /// <inheritdoc/>
    public string Statement => "Local SGD ends at lower sharpness than SGD with the same global batch when the learning rate is small and training is long; with a large learning rate or a short horizon the advantage vanishes.";

    /// <inheritdoc/>
    public string Source => "Gu, Lyu, Huang, Arora (ICLR 2023), contribution (iii); claims.md §4 G2 [abstract]";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions =>
    [
        ToyAssumption,
        $"Local SGD H = {LocalPeriod} vs SGD H = 1, same global batch, same noise (paired replicates)",
        $"regimes: η = {Compact(SmallStepSize)}, T = {LongHorizon} (main); η = {Compact(SmallStepSize)}, T = {ShortHorizon} (short); η = {Compact(LargeStepSize)}, T = {LongHorizon} (large η)",
        "sharpness read at the gradient-flow projection of x̄ onto uv = 1, λ = √(D² + 4) with D = u² − v² at x̄ at T (a sync point of both schedules)",
    ];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static int Replicates(Profile profile) => profile switch
    {
        Profile.Quick => 120,
        Profile.Ci => 1500,
        _ => 10000,
    };

    private static readonly (string Key, string Name, double StepSize, int Steps)[] Regimes =
    [
        ("main", "small η, long horizon", SmallStepSize, LongHorizon),
        ("short-horizon", "small η, short horizon", SmallStepSize, ShortHorizon),
        ("large-step", "large η, long horizon", LargeStepSize, LongHorizon),
    ];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new(
        ToySetting, [Workers], [ShortHorizon, LongHorizon],
        [$"constant-period H = {LocalPeriod}", "every step (SGD)"], Replicates(profile), Assertions: 3 + Configurations(profile),
        Notes: $"statistical: main advantage (paired Fieller ratio < 1), and short-horizon and large-η advantages below f × the main one; {Configurations(profile)} main-regime toy configurations drawn from the claim's seed, each one paired ratio assertion");

    /// <summary>The toy dynamics' predicted advantage 1 − λ(D_local(T))/λ(D_SGD(T)) on the manifold for a regime.</summary>
    public static double PredictedAdvantage(double stepSize, int steps)
    {
        double local = GuTheory.PredictDifference(InitialDifference, [steps], _ => stepSize, _ => Math.Min(LocalPeriod, steps), LabelNoise, LocalBatch, Workers)[0];
        double sgd = GuTheory.PredictDifference(InitialDifference, [steps], _ => stepSize, _ => 1, LabelNoise, LocalBatch, Workers)[0];
        return 1 - GuTheory.Sharpness(local) / GuTheory.Sharpness(sgd);
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        int replicates = context.Replicates(Replicates(context.Profile));
        double alpha = context.AlphaPerAssertion, level = 1 - alpha;
        int difference = DifferenceIndex, sharpness = SharpnessIndex;
        var local = new SimulationResult[Regimes.Length];
        var sgd = new SimulationResult[Regimes.Length];
        var checkpoints = new int[Regimes.Length][];
        for (int r = 0; r < Regimes.Length; r++)
        {
            var (_, _, eta, steps) = Regimes[r];
            checkpoints[r] = Checkpoints(steps, Math.Min(LocalPeriod, steps) == steps ? Math.Max(1, steps / 10) : LocalPeriod);
            var stepSize = new ConstantStepSize(eta);
            local[r] = Simulate(steps, stepSize, new ConstantPeriod(LocalPeriod), checkpoints[r], replicates, context);
            sgd[r] = Simulate(steps, stepSize, new EveryStep(), checkpoints[r], replicates, context);
            context.Report((r + 1.0) / Regimes.Length);
        }

        // Sharpness at the manifold projection Φ(x̄), the quantity of Gu et al.'s dynamics (see GuExperiments.ProjectedSharpness).
        double[][] localFinal = local.Select(s => ProjectedSharpness(Final(s, difference))).ToArray();
        double[][] sgdFinal = sgd.Select(s => ProjectedSharpness(Final(s, difference))).ToArray();
        var rawRatios = Enumerable.Range(0, Regimes.Length)
            .Select(r => local[r].ObservableStatistics["sharpness"][^1].Mean / sgd[r].ObservableStatistics["sharpness"][^1].Mean).ToArray();
        var mainRatio = PairedComparison.RatioOfMeans(localFinal[0], sgdFinal[0], level);
        var mainDecision = PredictLocalFlatter ? VerdictRules.AtMost(mainRatio.Interval, 1) : VerdictRules.AtLeast(mainRatio.Interval, 1);
        double detectable = ExperimentDesign.MinimumDetectablePairedRatioChange(localFinal[0], sgdFinal[0], alpha);
        var assertions = new List<AssertionResult>
        {
            new($"{Regimes[0].Name}: E sharpness(Local)/E sharpness(SGD) {(PredictLocalFlatter ? "<" : ">")} 1", mainDecision.Verdict,
                new Quantity("sharpness ratio Local/SGD", mainRatio.Interval.Estimate, "", mainRatio.Interval.Low, mainRatio.Interval.High, level),
                new Prediction(PredictLocalFlatter ? "< 1 (Local SGD flatter)" : "> 1 (Local SGD sharper)", null, PredictLocalFlatter ? null : 1, PredictLocalFlatter ? 1 : null),
                mainDecision.Margin, $"{mainRatio.Interval.Method}; {mainRatio.Interval.Assumption}", alpha, detectable) { Id = "sharpness-ratio" },
        };

        // Vanishing: both advantages from intervals at 1 − α/2, so each compound statement holds with 1 − α.
        var mainAdvantage = Advantage(localFinal[0], sgdFinal[0], 1 - alpha / 2);
        var advantages = new Interval[Regimes.Length];
        advantages[0] = Advantage(localFinal[0], sgdFinal[0], level);
        for (int r = 1; r < Regimes.Length; r++)
        {
            advantages[r] = Advantage(localFinal[r], sgdFinal[r], 1 - alpha / 2);
            double allowedHigh = VanishFraction * mainAdvantage.Low, allowedLow = VanishFraction * mainAdvantage.High;
            var verdict = mainAdvantage.Low > 0 && advantages[r].High <= allowedHigh ? Verdict.Pass
                : advantages[r].Low > allowedLow && allowedLow >= 0 ? Verdict.Fail
                : Verdict.Inconclusive;
            assertions.Add(new AssertionResult($"{Regimes[r].Name}: advantage < {Compact(VanishFraction)} × main advantage", verdict,
                new Quantity("advantage 1 − ratio", advantages[r].Estimate, "", advantages[r].Low, advantages[r].High, advantages[r].Level),
                new Prediction($"< {Compact(VanishFraction)} × main advantage {mainAdvantage.ToCompactString()}", 0, null, VanishFraction * mainAdvantage.Estimate),
                allowedHigh - advantages[r].High, $"{advantages[r].Method} for both regimes at 1 − α/2 each (Bonferroni); {advantages[r].Assumption}", alpha,
                Note: "Pass: upper end below f × lower end of the main advantage; Fail: lower end above f × its upper end") { Id = $"{Regimes[r].Key}-advantage-vanishes" });
        }

        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile),
            $"E λ(Φ(x̄)) Local / SGD {(PredictLocalFlatter ? "<" : ">")} 1 at T (Fieller, paired)", c => Measure(context, c, replicates, alpha), shrinkBudget: 4);
        assertions.AddRange(exploration.Explored.Select((e, i) => LawAssertions.FromOutcome($"ratio-at-explored-{i + 1}", $"E sharpness(Local)/E sharpness(SGD) at {e.Configuration}",
            e.Outcome, new Prediction(PredictLocalFlatter ? "< 1 (Local SGD flatter)" : "> 1 (Local SGD sharper)", null, PredictLocalFlatter ? null : 1, PredictLocalFlatter ? 1 : null), alpha)));

        var series = new List<FigureSeries>();
        foreach (int r in new[] { 0, 2 })
        {
            foreach (var (name, result) in new[] { ($"Local SGD H = {LocalPeriod}", local[r]), ("SGD", sgd[r]) })
            {
                var (mean, low, high) = ProjectedSharpnessBand(result);
                series.Add(new FigureSeries($"{name}, η = {Compact(Regimes[r].StepSize)}", checkpoints[r].Select(t => (double)t).ToArray(), mean, low, high));
            }
        }
        var figure = new Figure("gu-g2-sharpness", $"E sharpness λ(Φ(x̄)) = √(D² + 4) against steps: Local SGD (H = {LocalPeriod}) and SGD, small and large η",
            new Axis("step t"), new Axis("E λ(Φ(x̄))"), series, [new ReferenceLine("flattest point (λ = 2)", 0, 2)]);

        var predicted = Regimes.Select(r => PredictedAdvantage(r.StepSize, r.Steps)).ToArray();
        var evidence = new List<string>
        {
            $"K = {Workers}, H = {LocalPeriod} vs SGD, {replicates} paired replicates per regime.",
            string.Join("; ", Regimes.Select((r, i) => $"{r.Name}: advantage {advantages[i].ToCompactString()} (toy dynamics on the manifold {Compact(predicted[i])})")) + ".",
            $"Main ratio E sharpness(Local)/E sharpness(SGD) = {Compact(mainRatio.Interval.Estimate)} [{Compact(mainRatio.Interval.Low)}, {Compact(mainRatio.Interval.High)}]; vanishing means below {Compact(VanishFraction)} × the main advantage.",
            $"Raw sharpness u² + v² at x̄ (not used for the verdict), ratio Local/SGD: {string.Join(", ", rawRatios.Select(Compact))}; it also carries the normal-direction fluctuation of order η, which averaging lowers (ū v̄ = mean u_i v_i − Cov_i(u, v)), so at large η it shows a spurious advantage of the averaged point that is not drift along the manifold.",
            "In the toy the large-η advantage vanishes because SGD's own drift (∝ η²) reaches the flattest point λ = 2 within the same horizon; the short-horizon one because neither has drifted far yet.",
            $"Across the main regime's space: {exploration.Explored.Count} configurations, largest measured/bound {Compact(exploration.WorstRatio)} at {exploration.Worst?.Configuration}.",
        };
        var verdictAll = ClaimResult.Combine(assertions);
        return new ClaimResult(Id, verdictAll, assertions[0].Measured, assertions[0].Predicted, assertions[0].Margin, assertions, evidence, [figure],
            (long)replicates * (Regimes.Length + exploration.Explored.Count) * 2) { Exploration = exploration.ToReport() };
    }

    // The paired ratio of final projected sharpness, Local SGD (H) over SGD, at one toy configuration (one seed for both).
    private LawOutcome Measure(ClaimContext context, GuSetting c, int replicates, double alpha)
    {
        ulong seed = context.SeedFor($"explored/{c}");
        var stepSize = new ConstantStepSize(c.StepSize);
        var localConfiguration = c.Configuration(stepSize, new ConstantPeriod(c.Period), [c.Steps]);
        var local = context.Simulate(localConfiguration, replicates, seed);
        var sgd = context.Simulate(c.Configuration(stepSize, new EveryStep(), [c.Steps]), replicates, seed);
        return SharpnessRatio(Id, "E λ(Φ(x̄^T)) Local / SGD", $"{c}: the Local SGD run; pair it with communication every-step under the same seed",
            localConfiguration, local, sgd, PredictLocalFlatter, replicates, seed, alpha) with { Note = $"toy dynamics advantage {Compact(PredictedAdvantage(c))}" };
    }
}
