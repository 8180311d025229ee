using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// Problem: separable quadratic with additive noise (c = 0), a = (1, 2, 3), σ = 0.5, x0 = 1, η_t = 3/(t+1).
/// Algorithm: Local SGD with hierarchical schedules (groups of 2 and 4 workers averaging at short periods, all workers
/// at longer ones, with and without a warm-up; claims.md §1) against every-step averaging, under common random numbers.
/// Guarantee [derived, claims.md §1]: a group average is a mean over a partition of the workers, so it keeps x̄, and on
/// a quadratic with additive noise x̄^{t+1} − x* = (I − η_t A)(x̄^t − x*) − η_t (1/N) Σ_i ξ_i^t never looks at the
/// individual x_i: the path of x̄ and E F(x̄^t) are those of every other schedule (up to round-off). The papers of §4
/// say nothing about hierarchical schedules; this identity is what carries over.
/// </summary>
public sealed class HierarchicalInvarianceClaim : IClaim
{
    /// <summary>Largest path gap, relative to the path's largest coordinate, accepted as round-off.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Largest relative gap between exact expected errors accepted as round-off (claims.md §6: 1e-9 for exact claims).</summary>
    public const double ExpectationTolerance = 1e-9;

    /// <summary>
    /// The identity's space (claims.md §1 and §4a, identities): the separable quadratic with additive noise (c = 0) of any
    /// d ≤ 3, a ∈ [0.5, 3], σ, x0, η_t = α/(t + β), N ∈ 2..64, T ≤ 400, and any hierarchical schedule: one to three levels
    /// whose group sizes divide each other and N, distinct periods 1..50, a warm-up W ∈ {0, 1, 5, 20, 100}.
    /// </summary>
    public static AssumptionSpace<HierarchicalConfiguration> Space { get; } = new(
        HierarchicalConfiguration.Generator(s => s with { MultiplicativeNoise = 0 }),
        c => c.Shrink(),
        c => c.Quadratic.MultiplicativeNoise == 0 && c.Workers >= 2 && c.IsValid,
        c => c.ToString(),
        [
            new Hypothesis("F quadratic: F = Σ_k a_k x_k²/2, d ≤ 3, a_k ∈ [0.5, 3], x0 ∈ [−2, 2], η_t = α/(t + β)", "claims.md §1, key identity [derived]"),
            new Hypothesis("additive noise (c = 0), σ ∈ [0.25, 2]", "claims.md §1, key identity [derived]"),
            new Hypothesis("hierarchical schedule: 1–3 levels of contiguous groups, sizes a divisor chain of N, distinct periods 1..50, warm-up W ∈ {0, 1, 5, 20, 100}; a group average is a mean over a partition of the workers, so it keeps x̄", "claims.md §1 (averaging preserves x̄); Lin et al. (ICLR 2020) for the schedule"),
            new Hypothesis("N ∈ 2..64, T ≤ 400; E F(x̄^t) at t = T/4, T/2, T compared with every-step's", "claims.md §4a, identities"),
        ]);

    /// <summary>Configurations explored: quick 30, ci 200, full 2000.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 30,
        Profile.Ci => 200,
        _ => 2000,
    };

    /// <inheritdoc/>
    public string Id => "identities.hierarchical-invariance";

    /// <inheritdoc/>
    public string Title => "Under additive noise on a quadratic, averaging within groups leaves the average's path unchanged";

    /// <inheritdoc/>
    public string Statement => "For F quadratic and noise independent of x, every hierarchical schedule (group averages at some steps, all workers at others) gives the same path of x̄ as every-step averaging under common random numbers, and the same exact E F(x̄^t).";

    /// <inheritdoc/>
    public string Source => "claims.md §1, key identity [derived], extended to group averages; Lin et al. (ICLR 2020) for hierarchical local SGD";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["F(x) = ½ Σ a_k x_k² (quadratic)", "additive Gaussian noise (c = 0)", "contiguous nested groups", "same noise for every schedule (common random numbers)"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static (int Workers, int Steps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (8, 200, 4),
        Profile.Ci => (16, 1000, 8),
        _ => (32, 5000, 16),
    };

    private static HierarchicalSchedule[] Schedules(int workers) =>
    [
        new([new AveragingLevel(2, 3), new AveragingLevel(workers, 20)]),
        new([new AveragingLevel(2, 1), new AveragingLevel(4, 5), new AveragingLevel(workers, 25)], warmupSteps: 10),
        new([new AveragingLevel(4, 7)]),
    ];

    private static string Describe(HierarchicalSchedule schedule) =>
        "[" + string.Join(", ", schedule.Levels.Select(level => $"({Integer(level.GroupSize)}, {Integer(level.Period)})")) + "]" +
        (schedule.WarmupSteps > 0 ? $" after W = {Integer(schedule.WarmupSteps)}" : "");

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, steps, replicates) = Size(profile);
        return new ClaimDesign("separable quadratic, a = (1, 2, 3), c = 0, σ = 0.5, x0 = 1, η_t = 3/(t+1)", [workers], [steps],
            Schedules(workers).Select(Describe).ToArray(), replicates, Assertions: 0,
            Notes: "exact: every hierarchical schedule's x̄ path against the every-step path, replicate by replicate; exact E F(x̄^t) from the group-moment recursion");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, steps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problem = new SeparableQuadratic([1.0, 2.0, 3.0], 0, 0.5);
        var stepSize = new InverseTimeStepSize(3, 1);
        var schedules = Schedules(workers);
        LocalSgdConfiguration Configuration(ICommunicationSchedule schedule, int[]? checkpoints = null) =>
            new(problem, workers, steps, [1.0, 1.0, 1.0], stepSize, schedule, checkpoints: checkpoints);

        var gaps = new double[schedules.Length];
        var gapByStep = new double[steps];
        for (int replicate = 0; replicate < replicates; replicate++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var reference = AveragePath.Of(Configuration(new EveryStep()), context.Seed, replicate);
            for (int s = 0; s < schedules.Length; s++)
            {
                var path = AveragePath.Of(Configuration(schedules[s]), context.Seed, replicate);
                double scale = reference.Concat(path).SelectMany(x => x).Max(Math.Abs);
                for (int t = 0; t < steps; t++)
                {
                    double gap = reference[t].Zip(path[t], (x, y) => Math.Abs(x - y)).Max() / scale;
                    gaps[s] = Math.Max(gaps[s], gap);
                    gapByStep[t] = Math.Max(gapByStep[t], gap);
                }
            }
            context.Report((replicate + 1.0) / replicates);
        }
        var assertions = schedules.Select((schedule, index) => new AssertionResult(
            $"x̄ path of hierarchical {Describe(schedule)} vs every-step", gaps[index] <= Tolerance ? Verdict.Pass : Verdict.Fail,
            new Quantity("max relative path gap", gaps[index]), new Prediction($"0 (≤ {Tolerance:0e0} round-off)", 0, 0, Tolerance),
            Tolerance - gaps[index], "exact comparison under common random numbers") { Id = $"path-{index + 1}" }).ToList();

        // In expectation, from the group-moment recursion (claims.md §5): it tracks q and one cross moment per group
        // level, and only E x̄² = (q + Σ_c n_c r_c)/N must come out as under every-step averaging.
        var checkpoints = Enumerable.Range(1, steps).ToArray();
        var expected = Exact(context, Configuration(new EveryStep(), checkpoints));
        double exactWorst = 0;
        for (int s = 0; s < schedules.Length; s++)
        {
            var errors = Exact(context, Configuration(schedules[s], checkpoints));
            double gap = errors.Zip(expected, (a, b) => Math.Abs(a - b) / b).Max();
            exactWorst = Math.Max(exactWorst, gap);
            assertions.Add(new AssertionResult($"exact E F(x̄^t) of hierarchical {Describe(schedules[s])} vs every-step, t = 1..T",
                gap <= ExpectationTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("max relative gap of E F(x̄^t)", gap),
                new Prediction($"0 (≤ {ExpectationTolerance:0e0} round-off)", 0, 0, ExpectationTolerance), ExpectationTolerance - gap,
                "exact group-moment recursion (claims.md §5), no sampling") { Id = $"expectation-{s + 1}" });
        }
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), "E F(x̄^t) of the hierarchical schedule equals every-step's within 1e-9 relative at t = T/4, T/2, T",
            c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("expectation-everywhere", "exact group-moment recursion (claims.md §5) at every explored configuration"));
        double worst = gaps.Max();
        var figure = new Figure("hierarchical-invariance", "Largest gap between the x̄ paths of hierarchical schedules and every-step",
            new Axis("step t"), new Axis("max relative gap (path scale)", Logarithmic: true),
            [AveragePath.GapSeries("max gap over schedules and replicates", gapByStep)],
            [new ReferenceLine("tolerance 1e-12", 0, Tolerance)]);
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("max relative path gap", worst),
            new Prediction($"0 up to round-off, tolerance {Compact(Tolerance)}", 0, 0, Tolerance), Tolerance - worst, assertions,
            [$"{schedules.Length} hierarchical schedules, N = {workers}, T = {steps}, {replicates} replicates under common random numbers: the largest gap of x̄ to the every-step path is {Compact(worst)} of the path's scale; the exact expected errors E F(x̄^t) agree to {Compact(exactWorst)} relative.",
             $"Across the space: {exploration.Explored.Count} configurations explored; largest relative gap of E F(x̄^t) to every-step {Compact(exploration.WorstRatio * ExpectationTolerance)} at {exploration.Worst?.Configuration}."],
            [figure], (long)replicates * (schedules.Length + 1)) { Exploration = exploration.ToReport() };
    }

    // The largest relative gap between the hierarchical schedule's and every-step's exact E F(x̄^t) at t = T/4, T/2, T.
    private LawOutcome Measure(ClaimContext context, HierarchicalConfiguration c)
    {
        int[] checkpoints = new[] { c.Steps / 4, c.Steps / 2, c.Steps }.Where(t => t >= 1).Distinct().ToArray();
        var schedule = c.Configuration(checkpoints: checkpoints);
        var errors = Exact(context, schedule);
        var expected = Exact(context, c.Configuration(new EveryStep(), checkpoints));
        double gap = errors.Zip(expected, (a, b) => Math.Abs(a - b) / b).Max();
        return LawOutcome.AtMost(double.IsNaN(gap) ? double.PositiveInfinity : gap, ExpectationTolerance, "largest relative gap of E F(x̄^t) to every-step",
            ReplayScenarios.Exact(Id, $"{c}; compare with communication every-step", schedule, errors[^1], context.Seed));
    }

    private static IReadOnlyList<double> Exact(ClaimContext context, LocalSgdConfiguration configuration) =>
        context.Exact("average-errors/" + ConfigurationFingerprint.Of(configuration), () =>
            (ExactEngine.TryCompute(configuration) ?? throw new InvalidOperationException($"the exact engine has no moments for '{configuration.Communication.Kind}'")).AverageErrors.ToArray());
}
