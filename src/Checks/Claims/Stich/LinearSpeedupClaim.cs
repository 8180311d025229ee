using LocalSgdVerify.Checks.Claims.Spiridonoff;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Stich;

/// <summary>
/// Problem: the separable quadratic with multiplicative noise (a = (1, 2, 3), so μ = 1, L = 3, κ = 3; c = 1 so that
/// communication matters; σ = 0.5; x0 = 1).
/// Algorithm: Stich's Local SGD — period H = ⌊√(T/N)⌋, η_t = 4/(μ(a+t)) with a = max(16κ, H), output the weighted average
/// Σ (a+t)² x̄^t / Σ (a+t)² — for N ∈ {1, 2, 4, …, 32} at a fixed T, against the every-step schedule with the same
/// step sizes and output. Expected errors from the exact engine (claims.md §5), no sampling.
/// Guarantee (Stich, ICLR 2019, Thm 2.2) [recalled, claims.md §4 context]: E F(x̂_T) − F* = O(σ²/(μNT)) + lower-order
/// terms with H = O(√(T/N)), i.e. linear speed-up. Checked as a shape: the slope of log E F(x̂_T) vs log N is −1 within
/// a band, and the error matches the every-step schedule within a factor.
/// </summary>
public sealed class LinearSpeedupClaim : IClaim
{
    /// <summary>
    /// Band for the slope of log E F vs log N: −1 ± 0.15. Why: linear speed-up is slope −1; the recalled bound's other terms
    /// (H²/T² ~ 1/(NT) for the period, a³/T³ for the start) are of the same or lower order, so at a large fixed T the
    /// slope can drift only a little from −1, while a √N speed-up would read −0.5. Fixed before any run.
    /// </summary>
    public const double DefaultSlopeTolerance = 0.15;

    /// <summary>
    /// "Matches every-step": ratio of expected errors ≤ 2 at every N. Why: the bound's communication term with
    /// H = √(T/N) is of the same order as the statistical term, so the theory promises the mini-batch rate up to a constant,
    /// and 2 is the loosest constant that still reads as "the same error".
    /// </summary>
    public const double DefaultRatioBound = 2;

    private readonly double predictedExponent, slopeTolerance, ratioBound;
    private readonly ICommunicationSchedule kinkSchedule;
    private readonly string kinkScheduleLabel;

    /// <summary>The claim as stated: slope −1 ± 0.15, ratio to every-step ≤ 2.</summary>
    public LinearSpeedupClaim() : this(-1, DefaultSlopeTolerance, DefaultRatioBound) { }

    /// <summary>
    /// The claim with planted predictions (power tests): exponent of N, its tolerance, the ratio bound, and optionally
    /// another schedule in place of Stich's period on the kink family (a lagging schedule such as one-shot must fail there).
    /// </summary>
    public LinearSpeedupClaim(double predictedExponent, double slopeTolerance, double ratioBound, ICommunicationSchedule? kinkSchedule = null, string? kinkScheduleLabel = null)
    {
        this.predictedExponent = predictedExponent;
        this.slopeTolerance = slopeTolerance;
        this.ratioBound = ratioBound;
        this.kinkSchedule = kinkSchedule ?? new StichPeriod();
        this.kinkScheduleLabel = kinkScheduleLabel ?? "Stich's H = ⌊√(T/N)⌋";
    }

    /// <summary>
    /// The theorem's space where the schedule matters (claims.md §2 and §4 context, Stich Thm 2.2 [recalled]): the kink
    /// family, μ-strongly convex and L-smooth (L = 2μ) but not quadratic, so communication changes the error (on a
    /// quadratic every static schedule has the same N·T·E F limit, claims.md §4 [derived], and even one-shot averaging
    /// stays within a few per cent of every-step there).
    /// </summary>
    public static AssumptionSpace<StichKinkConfiguration> KinkSpace { get; } = new(
        StichKinkConfiguration.Generator,
        c => c.Shrink(),
        c => c.Workers is >= 8 and <= 32 && c.Steps >= 1000,
        c => c.ToString(),
        [
            new Hypothesis("F μ-strongly convex and L-smooth, not quadratic: the kink function, μ ∈ {0.5, 1, 2}, L = 2μ (κ = 2)", "claims.md §2 [code] and §4 context, Stich (2019) Thm 2.2 [recalled]"),
            new Hypothesis("unbiased gradients with bounded variance σ² (σ ∈ {2, 4, 8, 16}); identical workers; x0 ∈ {1, 2, 4}", "Stich (2019) [recalled]"),
            new Hypothesis("H = ⌊√(T/N)⌋, η_t = 4/(μ(a + t)), a = max(16κ, H), output Σ (a + t)² x̄^t / Σ (a + t)²; N ∈ {8, 16, 32}, T ∈ {1000, 4000} (T large compared with a ≥ 32)", "claims.md §3, Stich's schedule"),
        ]);

    /// <summary>Kink configurations explored (Monte Carlo, paired with every-step): quick 2, ci 3, full 12.</summary>
    public static int KinkConfigurations(Profile profile) => profile switch
    {
        Profile.Quick => 2,
        Profile.Ci => 3,
        _ => 12,
    };

    private static int KinkReplicates(Profile profile) => profile switch
    {
        Profile.Quick => 400,
        Profile.Ci => 2000,
        _ => 8000,
    };

    /// <summary>
    /// The theorem's space (claims.md §4 context, Stich Thm 2.2 [recalled]): μ-strongly convex L-smooth quadratics (d ≤ 3,
    /// a_k ∈ [0.5, 3]) with bounded noise (c ≤ 1.5, σ ∈ [0.25, 2]), x0 ∈ [−2, 2], N ∈ 2..32, T ∈ {10⁴, 3·10⁴, 10⁵}, with
    /// Stich's period, step sizes and weighted output.
    /// </summary>
    public static AssumptionSpace<StichConfiguration> Space { get; } = new(
        from setting in QuadraticSetting.Generator
        from workers in Gen.Choose(2, 32)
        from steps in Gen.Elements(10_000, 30_000, 100_000)
        select new StichConfiguration(setting with { Alpha = 1, Beta = 1 }, workers, steps),
        c => c.Shrink(),
        c => c.Workers is >= 2 and <= 32 && c.Steps >= 10_000 && c.Setting.Alpha == 1 && c.Setting.Beta == 1,
        c => c.ToString(),
        [
            new Hypothesis("F μ-strongly convex and L-smooth: F = Σ_k a_k x_k²/2, d ≤ 3, a_k ∈ {0.5, ..., 3} (κ ≤ 6)", "claims.md §4 context, Stich (2019) Thm 2.2 [recalled]"),
            new Hypothesis("unbiased gradients, noise c ∈ [0, 1.5], σ ∈ [0.25, 2]; identical workers; x0 ∈ [−2, 2]", "Stich (2019) [recalled]"),
            new Hypothesis("H = ⌊√(T/N)⌋, η_t = 4/(μ(a + t)), a = max(16κ, H), output Σ (a + t)² x̄^t / Σ (a + t)²; N ∈ 2..32, T ≥ 10⁴ (T large compared with N and a)", "claims.md §3, Stich's schedule"),
        ]);

    /// <summary>Configurations explored: quick 20, ci 100, full 1000.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 20,
        Profile.Ci => 100,
        _ => 1000,
    };

    /// <inheritdoc/>
    public string Id => "stich.linear-speedup";

    /// <inheritdoc/>
    public string Title => "Stich's Local SGD (H = ⌊√(T/N)⌋, weighted output) has linear speed-up in N";

    /// <inheritdoc/>
    public string Source => "Stich, \"Local SGD converges fast and communicates little\" (ICLR 2019), Thm 2.2 [recalled, claims.md §4 context]; schedule claims.md §3";

    /// <inheritdoc/>
    public string Statement => "With H = ⌊√(T/N)⌋, η_t = 4/(μ(a+t)), a = max(16κ, H) and the (a+t)²-weighted average, E F(x̂_T) − F* = O(σ²/(μNT)) + lower-order terms: at a fixed large T the error falls like 1/N and matches mini-batch (every-step) SGD.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["F μ-strongly convex and L-smooth (μ = 1, L = 3, κ = 3)", "unbiased gradients; multiplicative noise c = 1", "identical workers", "T large compared with N and a"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Scaling;

    private static readonly int[] Workers = [1, 2, 4, 8, 16, 32];

    private static int Steps(Profile profile) => profile switch
    {
        Profile.Quick => 10_000,
        Profile.Ci => 100_000,
        _ => 1_000_000,
    };

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new("separable quadratic: a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1; kink family for the ratio to every-step", Workers, [Steps(profile)],
        ["stich (H = ⌊√(T/N)⌋)", "every-step"], KinkReplicates(profile), Assertions: KinkConfigurations(profile),
        Notes: $"exact moment recursions with Stich's (a+t)²-weighted output; η_t = 4/(μ(a+t)), a = max(16κ, H); {KinkConfigurations(profile)} kink configurations drawn from the claim's seed, each one paired ratio assertion to every-step (Monte Carlo)");

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        int steps = Steps(context.Profile);
        var problem = SpiridonoffExperiments.Quadratic();
        double mu = problem.StrongConvexity!.Value, kappa = problem.Smoothness!.Value / mu;
        var local = new double[Workers.Length];
        var synchronous = new double[Workers.Length];
        var periods = new int[Workers.Length];
        for (int n = 0; n < Workers.Length; n++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            periods[n] = StichPeriod.PeriodFor(steps, Workers[n]);
            var stepSize = new StichStepSize(mu, kappa, periods[n]);
            var output = OutputIterate.StichWeighted(stepSize.Shift);
            local[n] = FinalErrors.Expected(context, problem, SpiridonoffExperiments.QuadraticStart(), stepSize, Workers[n], steps, new StichPeriod(), output);
            synchronous[n] = FinalErrors.Expected(context, problem, SpiridonoffExperiments.QuadraticStart(), stepSize, Workers[n], steps, new EveryStep(), output);
            context.Report((n + 1.0) / Workers.Length);
        }
        double[] x = Workers.Select(w => (double)w).ToArray();
        // Exact values: only the least-squares slope is used; its interval would measure curvature, not uncertainty.
        // In a shard run the exact values other shards own are NaN stand-ins, which the fit refuses; the fit asks the
        // store for nothing and a shard's result is thrown away, so there it fits 1 in their place and the claim goes on
        // to ask for its explored configurations (rather than being evaluated again with every exact value computed).
        var fitted = context.Gathering ? local.Select(value => double.IsNaN(value) ? 1 : value).ToArray() : local;
        var fit = LeastSquares.FitPowerLaw(x, fitted, 0.95);
        double slopeGap = Math.Abs(fit.Slope - predictedExponent);
        double ratio = local.Zip(synchronous, (a, b) => a / b).Max();
        var assertions = new List<AssertionResult>
        {
            new("slope of log E F(x̂_T) vs log N", slopeGap <= slopeTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("slope of log E F vs log N", fit.Slope),
                new Prediction($"{Compact(predictedExponent)} (linear speed-up), accepted ±{Compact(slopeTolerance)}", predictedExponent, predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
                slopeTolerance - slopeGap, "exact expected errors; least-squares slope on log–log axes") { Id = "slope" },
            new("largest ratio E F(x̂_T) Stich period / every-step", ratio <= ratioBound ? Verdict.Pass : Verdict.Fail, new Quantity("ratio", ratio),
                new Prediction($"≤ {Compact(ratioBound)} (matches mini-batch SGD)", null, null, ratioBound), ratioBound - ratio, "exact expected errors, same step sizes and output") { Id = "ratio-to-every-step" },
        };
        var figure = new Figure("stich-linear-speedup", $"E F(x̂_T) vs N at T = {steps}, Stich's schedule and weighted output (exact)",
            new Axis("N (workers)", Logarithmic: true), new Axis("E F(x̂_T) − F*", Logarithmic: true),
            [new FigureSeries("Stich: H = ⌊√(T/N)⌋", x, local), new FigureSeries("every-step (mini-batch)", x, synchronous)],
            [new ReferenceLine($"slope {Compact(predictedExponent)} through N = 1", predictedExponent, local[0])]);
        string evidence = $"T = {steps}, N = {string.Join(", ", Workers)} (H = {string.Join(", ", periods)}): E F(x̂_T) = {string.Join(", ", local.Select(Compact))}; " +
            $"every-step {string.Join(", ", synchronous.Select(Compact))}. Slope of log E vs log N = {Compact(fit.Slope)}; largest ratio to every-step {Compact(ratio)}; " +
            $"N·T·E F ranges over {Compact(local.Select((e, n) => e * Workers[n] * steps).Min())}–{Compact(local.Select((e, n) => e * Workers[n] * steps).Max())}.";
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile),
            $"E F(x̂_T) with N workers ≤ {Compact(ratioBound)} × every-step's and ≤ {Compact(ratioBound)} × E F(x̂_T) of one worker / N^{Compact(-predictedExponent)} (speed-up efficiency ≥ 1/{Compact(ratioBound)})",
            c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("speedup-everywhere", "exact moment recursions with Stich's weighted output at every explored configuration"));
        int replicates = context.Replicates(KinkReplicates(context.Profile));
        double alpha = context.AlphaPerAssertion;
        var kink = Explorer.ForAll(context, KinkSpace, KinkConfigurations(context.Profile), $"E f(x̂_T) {kinkScheduleLabel} / every-step ≤ {Compact(ratioBound)} on the kink family (Fieller, paired)",
            c => MeasureKink(context, c, replicates, alpha), shrinkBudget: 4);
        assertions.AddRange(kink.Explored.Select((e, i) => LawAssertions.FromOutcome($"kink-ratio-at-explored-{i + 1}", $"E f(x̂_T) {kinkScheduleLabel} / every-step at {e.Configuration}",
            e.Outcome, new Prediction($"≤ {Compact(ratioBound)} (matches mini-batch SGD)", null, null, ratioBound), alpha)));
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("slope of log E F vs log N", fit.Slope),
            new Prediction($"{Compact(predictedExponent)} ± {Compact(slopeTolerance)}; ratio to every-step ≤ {Compact(ratioBound)}", predictedExponent,
                predictedExponent - slopeTolerance, predictedExponent + slopeTolerance),
            slopeTolerance - slopeGap, assertions,
            [evidence, $"Across the quadratic space (exact): {exploration.Explored.Count} configurations explored; largest binding ratio {Compact(exploration.WorstRatio)} at {exploration.Worst?.Configuration}. On quadratics every schedule has the same N·T·E F limit (claims.md §4 [derived]), so the ratio to every-step is near 1 wherever T is large, whatever the schedule.",
             $"Where the schedule matters, the kink family (Monte Carlo, {replicates} paired replicates each): {kink.Explored.Count} configurations; largest ratio {kinkScheduleLabel}/every-step {Compact(kink.WorstRatio * ratioBound)} at {kink.Worst?.Configuration}."],
            [figure], (long)replicates * kink.Explored.Count * 2) { Exploration = kink.ToReport() };
    }

    // The paired ratio E f(x̂_T) under the kink schedule over every-step at one kink configuration (one seed for both).
    private LawOutcome MeasureKink(ClaimContext context, StichKinkConfiguration c, int replicates, double alpha)
    {
        ulong seed = context.SeedFor($"explored/{c}");
        var localConfiguration = c.Configuration(kinkSchedule);
        var local = context.Simulate(localConfiguration, replicates, seed);
        var synchronous = context.Simulate(c.Configuration(new EveryStep()), replicates, seed);
        var ratio = PairedComparison.RatioOfMeans(local.FinalErrors, synchronous.FinalErrors, 1 - alpha).Interval;
        return LawOutcome.FromDecision(VerdictRules.AtMost(ratio, ratioBound), ratio, ratioBound, $"E f(x̂_T) {kinkScheduleLabel} / every-step",
            ReplayScenarios.MonteCarlo(Id, $"{c}: the {kinkScheduleLabel} run; pair it with communication every-step under the same seed for the ratio", localConfiguration, replicates, seed, local.FinalError.Mean),
            ExperimentDesign.MinimumDetectablePairedRatioChange(local.FinalErrors, synchronous.FinalErrors, alpha)) with { Note = $"every-step mean {Compact(synchronous.FinalError.Mean)}" };
    }

    // The binding one of E F(Stich, N)/E F(every-step, N) and N^k·E F(Stich, N)/E F(Stich, 1) against the ratio bound.
    private LawOutcome Measure(ClaimContext context, StichConfiguration c)
    {
        var problem = c.Setting.Problem;
        double mu = c.Setting.StrongConvexity, kappa = c.Setting.Smoothness / mu;
        double Error(int workers, ICommunicationSchedule schedule)
        {
            var stepSize = new StichStepSize(mu, kappa, StichPeriod.PeriodFor(c.Steps, workers));
            return FinalErrors.Expected(context, new LocalSgdConfiguration(problem, workers, c.Steps, c.Setting.StartPoint, stepSize, schedule, OutputIterate.StichWeighted(stepSize.Shift)));
        }
        double local = Error(c.Workers, new StichPeriod()), synchronous = Error(c.Workers, new EveryStep()), single = Error(1, new StichPeriod());
        double ratio = local / synchronous, efficiency = Math.Pow(c.Workers, -predictedExponent) * local / single;
        var stepSizeN = new StichStepSize(mu, kappa, StichPeriod.PeriodFor(c.Steps, c.Workers));
        var replay = ReplayScenarios.Exact(Id, $"{c}: every-step {Compact(synchronous)}, one worker {Compact(single)}",
            new LocalSgdConfiguration(problem, c.Workers, c.Steps, c.Setting.StartPoint, stepSizeN, new StichPeriod(), OutputIterate.StichWeighted(stepSizeN.Shift)), local, context.Seed);
        var outcome = ratio >= efficiency
            ? LawOutcome.AtMost(Finite(ratio), ratioBound, "E F(x̂_T) Stich / every-step", replay)
            : LawOutcome.AtMost(Finite(efficiency), ratioBound, "N·E F(x̂_T) with N workers / E F(x̂_T) with one (1/efficiency)", replay);
        return outcome with { Note = $"ratio to every-step {Compact(ratio)}, N·E F_N/E F_1 {Compact(efficiency)}" };
    }

    private static double Finite(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}

/// <summary>A configuration of <see cref="LinearSpeedupClaim"/>: the quadratic (its α and β unused: Stich's step size applies), N and T.</summary>
/// <param name="Setting">Curvatures, noise and start.</param>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
public sealed record StichConfiguration(QuadraticSetting Setting, int Workers, int Steps)
{
    /// <summary>Smaller configurations: N toward 2, T toward 10⁴, then the setting (with α = β = 1 kept).</summary>
    public IEnumerable<StichConfiguration> Shrink()
    {
        foreach (int n in SpaceParts.Toward(Workers, 2)) yield return this with { Workers = n };
        foreach (int t in SpaceParts.Toward(Steps, 10_000)) yield return this with { Steps = t };
        foreach (var setting in Setting.Shrink()) yield return this with { Setting = setting with { Alpha = 1, Beta = 1 } };
    }

    /// <summary>"a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, N = 8, T = 100000".</summary>
    public override string ToString() =>
        $"a = ({string.Join(", ", Setting.Curvatures.Select(Compact))}), c = {Compact(Setting.MultiplicativeNoise)}, σ = {Compact(Setting.AdditiveNoise)}, x0 = {Compact(Setting.Start)}, N = {Integer(Workers)}, T = {Integer(Steps)}";
}
