using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Kit;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Spiridonoff;

/// <summary>
/// Problem: the separable quadratic F = Σ_k a_k x_k²/2 with multiplicative noise, g_k = a_k x_k (1 + z_k) + s_k,
/// z ~ N(0, c²), s ~ N(0, σ²) (claims.md §2), explored over d, a, c, σ, x0, N, every static schedule and T.
/// Algorithm: Local SGD with η_t = α/(t + β); expected errors from the exact moment recursions (claims.md §5).
/// Guarantee [derived, claims.md §4]: N·T·E F(x̄^T) → C = (α²σ²/2) Σ_k a_k/(2α a_k − 1) for every schedule and every c
/// (needs 2α a_k &gt; 1). Derivation: with c = 0, v = E x̄_k² follows v_{t+1} = (1 − η_t a)² v_t + η_t²σ²/N whatever the
/// schedule; v ≈ C_1/τ + C_2/τ² (τ = t + β) matched at orders τ⁻² and τ⁻³ gives C_1(2m − 1) = α²σ²/N and
/// C_2 = C_1(m + 1)/2 with m = α a, so T·v_T = C_1(1 + ((m + 1)/2 − β)/T + O(T⁻²)). Multiplicative noise adds
/// η²a²c²·(a worker's E x_i²)/N, between η²a²c² v/N (every step) and η²a²c² v (one-shot), which adds at most
/// m²c²/(2(m − 1)) ≤ m²c² (for m ≥ 3/2) to the 1/T coefficient.
/// The start is remembered: the part of E x̄_k² that x0 drives (the recursion's homogeneous solution) is at most a single
/// worker's, x0² Π_{s&lt;T}((1 − η_s a_k)² + η_s² a_k² c²) (averaging never raises a second moment), so E F holds at most
/// B(T) = Σ_k (a_k/2) x0² Π_{s&lt;T}((1 − η_s a_k)² + η_s² a_k² c²) from the start, of relative size N·T·B(T)/C, which
/// decays like T^{1 − 2α a_k} (with c = 0 it is exactly F at the mean path E x̄^T).
/// Law, per configuration: |N·T·E F(x̄^T)/C − 1| ≤ ε(T) = 2M/T + N·T·B(T)/C with M = 1 + max_k (|(m_k + 1)/2 − β| + m_k²c²):
/// twice the first-order term of the noise part plus the exact bias, so the second-order terms and the early noise's
/// memory (relative order T^{1 − 2αμ} ≤ T⁻², by the hypothesis 2αμ ≥ 3) fit inside it once T ≥ 25M.
/// </summary>
public sealed class AsymptoticConstantClaim : IClaim
{
    /// <summary>Factor on the derived first-order term in the allowance ε(T) = Safety·M/T.</summary>
    public const double Safety = 2;

    /// <summary>
    /// Horizons explored are T = T_min·2^j, j = 0..4, with T_min the first of ⌈25M⌉·2^i (i ≤ 6) at which the start's term is below
    /// the first-order term: the allowance ε(T) is then at most 4/25 = 0.16, and the search probes the 1/T theory rather
    /// than the start's memory (which B(T) bounds exactly).
    /// </summary>
    public const double HorizonFactor = 25;

    private readonly double constantScale, rateExponent;
    private readonly AssumptionSpace<AsymptoticConfiguration> space;

    /// <summary>The claim as stated: the derived constant, N·T¹·E F, over the theorem's space.</summary>
    public AsymptoticConstantClaim() : this(1, 1, null) { }

    /// <summary>
    /// The claim with planted errors for power tests: the constant multiplied by <paramref name="constantScale"/>, the
    /// power k of T in N·T^k·E F (1 = the theorem), and another assumption space (a dropped hypothesis); null = the theorem's.
    /// </summary>
    public AsymptoticConstantClaim(double constantScale, double rateExponent, AssumptionSpace<AsymptoticConfiguration>? space)
    {
        this.constantScale = constantScale;
        this.rateExponent = rateExponent;
        this.space = space ?? Space;
    }

    /// <summary>
    /// The theorem's assumption space (claims.md §4a, asymptotic constant): d ≤ 3, a_k ∈ [0.5, 3], c ≤ 1.5, σ ∈ [0.25, 2],
    /// x0 ∈ [−2, 2], β ≥ 1, 3 ≤ 2α a_k and α a_k ≤ 9 for every k, N ∈ 1..64, any static schedule, T ≥ 25M.
    /// </summary>
    public static AssumptionSpace<AsymptoticConfiguration> Space { get; } = new(
        from setting in QuadraticSetting.Generator
        from workers in Gen.Choose(1, 64)
        from schedule in ScheduleChoice.Any(100)
        from doublings in Gen.Choose(0, 4)
        select new AsymptoticConfiguration(setting, workers, schedule, MinimumHorizon(setting, workers) << doublings),
        configuration => configuration.Shrink(),
        Admits,
        configuration => configuration.ToString(),
        [
            new Hypothesis("F = Σ_k a_k x_k²/2, d ∈ {1, 2, 3}, a_k ∈ {0.5, 1, ..., 3}; noise g_k = a_k x_k(1 + z_k) + s_k with c ∈ [0, 1.5], σ ∈ [0.25, 2]; x0 ∈ [−2, 2]", "claims.md §2, separable quadratic [code]"),
            new Hypothesis("η_t = α/(t + β), β ≥ 1, with 2α a_k ≥ 3 for every k: the theorem needs 2α a_k > 1; from 3 on the start is forgotten like T^(1 − 2αμ) ≤ T⁻² relative, inside the finite-T allowance", "claims.md §4a, asymptotic constant [derived]"),
            new Hypothesis("α a_k ≤ 9: the first steps (η_0 a_k up to 9/β) stay within the range the first-order term describes", "claims.md §4a [derived]; the §4.1 setting has α a_max = 9"),
            new Hypothesis("any static schedule (every-step, one-shot, constant period H ≤ 100, constant rounds or increasing intervals with R = ⌈N^p⌉), N ∈ 1..64", "claims.md §4, asymptotic constant: 'for every schedule' [derived]"),
            new Hypothesis("T ≥ T_min: at least 25M with M = 1 + max_k (|(α a_k + 1)/2 − β| + (α a_k c)²), doubled until the start's term N·T·B(T)/C is below the first-order term 2M/T: the finite-T check of a limit", "derived first-order term and start bound (this claim's summary)"),
        ]);

    /// <inheritdoc/>
    public string Id => "spiridonoff.asymptotic-constant";

    /// <inheritdoc/>
    public string Title => "N·T·E F(x̄^T) tends to (α²σ²/2) Σ a_k/(2α a_k − 1) for every schedule, across the quadratic family";

    /// <inheritdoc/>
    public string Source => "claims.md §4 and §4a, Spiridonoff et al. setting [derived]; §4.1 parameters [code]; exact moments claims.md §5";

    /// <inheritdoc/>
    public string Statement => "On the separable quadratic with η_t = α/(t+β) (2α a_k > 1), N·T·E F(x̄^T) → C = (α²σ²/2) Σ_k a_k/(2α a_k − 1) for every communication schedule and every multiplicative noise level c, with a gap of order 1/T beside the start's exact bias B(T): |N·T·E F/C − 1| ≤ 2M/T + N·T·B(T)/C.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => space.Hypotheses.Select(h => h.ToString()).ToArray();

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    /// <summary>Configurations explored per profile (besides the paper's five schedules): quick 30, ci 200, full 2000.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 30,
        Profile.Ci => 200,
        _ => 2000,
    };

    /// <summary>The §4.1 setting under the five schedules of the paper's comparison, at N = 20 and T = 16 T_min: always explored first.</summary>
    public static IReadOnlyList<AsymptoticConfiguration> PaperConfigurations { get; } = new[]
    {
        ScheduleChoice.EveryStep, new ScheduleChoice(ScheduleFamily.OneShot), new ScheduleChoice(ScheduleFamily.IncreasingIntervals, RoundsExponent: 1),
        new ScheduleChoice(ScheduleFamily.ConstantRounds, RoundsExponent: 1), new ScheduleChoice(ScheduleFamily.ConstantPeriod, 10),
    }.Select(s => new AsymptoticConfiguration(QuadraticSetting.Paper, SpiridonoffExperiments.QuadraticWorkers, s,
        MinimumHorizon(QuadraticSetting.Paper, SpiridonoffExperiments.QuadraticWorkers) << 4)).ToArray();

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile) => new("separable quadratic family (claims.md §4a): d ≤ 3, a_k ∈ [0.5, 3], c ≤ 1.5, 3 ≤ 2α a_k, α a_k ≤ 9",
        [], [], ["every static schedule (every-step, one-shot, constant period, constant rounds, increasing intervals)"], 0, Assertions: 0,
        Notes: $"exact moment recursions at {PaperConfigurations.Count} paper configurations and {Configurations(profile)} drawn from the claim's seed (N ∈ 1..64, T ∈ 25M·[1, 16]); counterexamples shrunk toward small d, N, T");

    /// <summary>M = 1 + max_k (|(α a_k + 1)/2 − β| + (α a_k c)²): the scale of the 1/T term of N·T·E F/C − 1.</summary>
    public static double FirstOrderScale(QuadraticSetting setting) =>
        1 + setting.Curvatures.Max(a => Math.Abs((setting.Alpha * a + 1) / 2 - setting.Beta) + Math.Pow(setting.Alpha * a * setting.MultiplicativeNoise, 2));

    /// <summary>
    /// T_min: the first of ⌈25M⌉·2^i (i ≤ 6) with N·T·B(T)/C ≤ 2M/T; ⌈25M⌉ when C is not a positive number (outside the
    /// hypotheses there is no limit to approach). The cap keeps horizons affordable; where it binds, the allowance still
    /// carries the start's term, so the law stays exact, only less sharp.
    /// </summary>
    public static int MinimumHorizon(QuadraticSetting setting, int workers)
    {
        int horizon = (int)Math.Ceiling(HorizonFactor * FirstOrderScale(setting));
        if (!HasLimit(setting)) return horizon;
        for (int i = 0; i < 6 && StartTerm(setting, workers, horizon) > FirstOrderTerm(setting, horizon); i++) horizon *= 2;
        return horizon;
    }

    /// <summary>True when the formula's C is a positive finite number (always so under 2α a_k &gt; 1).</summary>
    public static bool HasLimit(QuadraticSetting setting) => PredictedConstant(setting) is > 0 and < double.PositiveInfinity;

    /// <summary>2M/T.</summary>
    public static double FirstOrderTerm(QuadraticSetting setting, int steps) => Safety * FirstOrderScale(setting) / steps;

    /// <summary>N·T·B(T)/C; 0 when C is not a positive finite number (then the law fails on C itself).</summary>
    public static double StartTerm(QuadraticSetting setting, int workers, int steps) =>
        HasLimit(setting) ? workers * (double)steps * Bias(setting, steps) / PredictedConstant(setting) : 0;

    /// <summary>The allowance ε(T) = 2M/T + N·T·B(T)/C.</summary>
    public static double Allowance(QuadraticSetting setting, int workers, int steps) => FirstOrderTerm(setting, steps) + StartTerm(setting, workers, steps);

    /// <summary>
    /// B(T) = Σ_k (a_k/2) x0² Π_{s&lt;T}((1 − η_s a_k)² + η_s² a_k² c²): a bound on the part of E F that the start drives
    /// (a single worker's homogeneous second moment; with c = 0, F at the mean path E x̄^T exactly).
    /// </summary>
    public static double Bias(QuadraticSetting setting, int steps)
    {
        double bias = 0;
        double c2 = setting.MultiplicativeNoise * setting.MultiplicativeNoise;
        foreach (double a in setting.Curvatures)
        {
            double moment = setting.Start * setting.Start;
            for (int t = 0; t < steps && moment != 0; t++)
            {
                double step = setting.StepSize.At(t) * a;
                moment *= (1 - step) * (1 - step) + step * step * c2;
            }
            bias += 0.5 * a * moment;
        }
        return bias;
    }

    /// <summary>C = (α²σ²/2) Σ_k a_k/(2α a_k − 1), written out (outside the hypothesis 2α a_k &gt; 1 it is the formula's value, not a limit).</summary>
    public static double PredictedConstant(QuadraticSetting setting) =>
        0.5 * setting.Alpha * setting.Alpha * setting.AdditiveNoise * setting.AdditiveNoise * setting.Curvatures.Sum(a => a / (2 * setting.Alpha * a - 1));

    /// <summary>True when a configuration satisfies every hypothesis of <see cref="Space"/>.</summary>
    public static bool Admits(AsymptoticConfiguration c) =>
        c.Setting.Curvatures.All(a => 2 * c.Setting.Alpha * a >= 3 && c.Setting.Alpha * a <= 9) && c.Setting.Beta >= 1
        && c.Workers is >= 1 and <= 64 && c.Steps >= MinimumHorizon(c.Setting, c.Workers);

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        string law = $"|N·T^{Compact(rateExponent)}·E F(x̄^T)/({Compact(constantScale)}·C) − 1| ≤ 2M/T + N·T·B(T)/C";
        var result = Explorer.ForAll(context, space, Configurations(context.Profile), law, c => Measure(context, c), PaperConfigurations);
        var assertions = new List<AssertionResult>
        {
            result.SummaryAssertion("limit-everywhere", "exact moment recursions (claims.md §5) at every explored configuration; the first failure shrunk greedily"),
        };
        var paper = result.Explored.Take(PaperConfigurations.Count).ToList();
        var figures = new[]
        {
            ExplorationFigures.Ratios("gap-over-allowance", "Relative gap |N·T·E F/C − 1| over its allowance 2M/T + N·T·B(T)/C, every explored configuration (exact)", result,
                c => c.Steps, new Axis("T (steps)", Logarithmic: true)),
            ExplorationFigures.Ratios("gap-over-allowance-by-noise", "The same ratios against α·a_max·c, the multiplicative-noise term of M", result,
                c => c.Setting.Alpha * c.Setting.Smoothness * c.Setting.MultiplicativeNoise + 0.01, new Axis("α·a_max·c (+0.01 to show c = 0)", Logarithmic: true)),
        };
        var evidence = new List<string>
        {
            $"C = (α²σ²/2) Σ a_k/(2α a_k − 1) = {Compact(PredictedConstant(QuadraticSetting.Paper))} for the §4.1 setting (α = 3, σ = 0.5, a = (1, 2, 3)); at N = 20, T = {PaperConfigurations[0].Steps}: " +
            string.Join("; ", paper.Select(p => $"{p.Configuration.Schedule} gap {Compact(p.Outcome.Measured)} (allowance {Compact(p.Outcome.Bound)})")) + ".",
            $"{result.Explored.Count} configurations explored; largest gap/allowance {Compact(result.WorstRatio)} at {result.Worst?.Configuration}.",
        };
        if (result.Counterexample is { } counterexample) evidence.Add($"Counterexample after {counterexample.Steps} shrink steps: {result.Describe(counterexample.Final)}.");
        return ClaimResults.From(Id, assertions, assertions[0], evidence, figures, 0, result.ToReport());
    }

    private LawOutcome Measure(ClaimContext context, AsymptoticConfiguration c)
    {
        var configuration = c.Configuration;
        double error = FinalErrors.Expected(context, configuration);
        double scaled = c.Workers * Math.Pow(c.Steps, rateExponent) * error;
        // Outside 2α a_k > 1 the formula gives no positive finite C, and a positive N·T·E F cannot tend to it: the gap is infinite.
        double gap = HasLimit(c.Setting) ? Math.Abs(scaled / (constantScale * PredictedConstant(c.Setting)) - 1) : double.PositiveInfinity;
        var replay = ReplayScenarios.Exact(Id, $"{c}: N·T·E F(x̄^T) = {Compact(c.Workers * (double)c.Steps * error)} against C = {Compact(PredictedConstant(c.Setting))}",
            configuration, error, context.Seed);
        return LawOutcome.AtMost(double.IsNaN(gap) ? double.PositiveInfinity : gap, Allowance(c.Setting, c.Workers, c.Steps), "relative gap |N·T·E F(x̄^T)/C − 1|", replay);
    }
}

/// <summary>A configuration of <see cref="AsymptoticConstantClaim"/>: the quadratic setting, N, the schedule and T.</summary>
/// <param name="Setting">Problem, start and step size.</param>
/// <param name="Workers">N.</param>
/// <param name="Schedule">The static schedule.</param>
/// <param name="Steps">T.</param>
public sealed record AsymptoticConfiguration(QuadraticSetting Setting, int Workers, ScheduleChoice Schedule, int Steps)
{
    /// <summary>The Local SGD configuration.</summary>
    public LocalSgdConfiguration Configuration => new(Setting.Problem, Workers, Steps, Setting.StartPoint, Setting.StepSize, Schedule.Build());

    /// <summary>Smaller configurations: the schedule, N (T re-derived), T toward T_min, then the setting (T re-derived: a smaller setting may need a smaller T_min).</summary>
    public IEnumerable<AsymptoticConfiguration> Shrink()
    {
        int minimum = AsymptoticConstantClaim.MinimumHorizon(Setting, Workers);
        int multiple = Math.Max(1, Steps / minimum);
        foreach (var schedule in Schedule.Shrink()) yield return this with { Schedule = schedule };
        foreach (int n in SpaceParts.Toward(Workers, 1)) yield return this with { Workers = n, Steps = AsymptoticConstantClaim.MinimumHorizon(Setting, n) * multiple };
        foreach (int t in SpaceParts.Toward(Steps, minimum)) yield return this with { Steps = t };
        foreach (var setting in Setting.Shrink()) yield return this with { Setting = setting, Steps = AsymptoticConstantClaim.MinimumHorizon(setting, Workers) * multiple };
    }

    /// <summary>"a = (...), ..., N = 20, increasing intervals, R = N, T = 4000".</summary>
    public override string ToString() => $"{Setting}, N = {Integer(Workers)}, {Schedule}, T = {Integer(Steps)}";
}
