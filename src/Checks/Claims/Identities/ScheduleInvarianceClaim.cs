using LocalSgdVerify.Checks.Framework.Measurements;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// Problem: separable quadratic with additive noise (c = 0), a = (1, 2, 3), σ = 0.5, x0 = 1.
/// Algorithm: Local SGD with every-step, one-shot, constant-period, increasing-interval and QSR schedules under
/// common random numbers. Guarantee [derived, claims.md §1]: on a quadratic with additive noise
/// x̄^{t+1} − x* = (I − η_t A)(x̄^t − x*) − η_t (1/N) Σ_i ξ_i^t for every I, so the path of x̄ is the same for every
/// schedule (up to round-off, relative 1e-12 of the path's scale).
/// </summary>
public sealed class ScheduleInvarianceClaim : IClaim
{
    /// <summary>Largest path gap, relative to the path's largest coordinate, accepted as round-off.</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Largest relative gap between exact expected errors of two schedules accepted as round-off (claims.md §6: 1e-9 for exact claims).</summary>
    public const double ExpectationTolerance = 1e-9;

    private readonly bool keepMultiplicativeNoise;

    /// <summary>The identity as stated: additive noise only.</summary>
    public ScheduleInvarianceClaim() : this(false) { }

    /// <summary>The identity with its hypothesis c = 0 dropped when <paramref name="keepMultiplicativeNoise"/> (a power test: multiplicative noise breaks it).</summary>
    public ScheduleInvarianceClaim(bool keepMultiplicativeNoise) => this.keepMultiplicativeNoise = keepMultiplicativeNoise;

    /// <summary>
    /// The identity's space (claims.md §4a, identities): the separable quadratic with additive noise (c = 0) of any d ≤ 3,
    /// a ∈ [0.5, 3], σ, x0, η_t = α/(t + β), N ∈ 1..64, T ≤ 400, any static schedule compared with every-step.
    /// </summary>
    public AssumptionSpace<IdentityConfiguration> Space => new(
        IdentityConfiguration.Generator(Gen.Choose(1, 64), ScheduleChoice.Any(50), keepMultiplicativeNoise ? null : s => s with { MultiplicativeNoise = 0 }, ["separable-quadratic"]),
        c => c.Shrink(1),
        c => c.Quadratic is not null && (keepMultiplicativeNoise || c.Quadratic.MultiplicativeNoise == 0),
        c => c.ToString(),
        [
            new Hypothesis("F quadratic: F = Σ_k a_k x_k²/2, d ≤ 3, a_k ∈ [0.5, 3], x0 ∈ [−2, 2], η_t = α/(t + β)", "claims.md §1, key identity [derived]"),
            new Hypothesis(keepMultiplicativeNoise ? "noise may depend on x (c ≤ 1.5): the hypothesis c = 0 dropped" : "additive noise (c = 0), σ ∈ [0.25, 2]", "claims.md §1, key identity [derived]"),
            new Hypothesis("any static schedule, N ∈ 1..64, T ≤ 400; E F(x̄^t) at t = T/4, T/2, T compared with every-step's", "claims.md §4a, identities"),
        ]);

    /// <summary>Configurations explored: quick 30, ci 200, full 2000.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 30,
        Profile.Ci => 200,
        _ => 2000,
    };

    /// <inheritdoc/>
    public string Id => "identities.schedule-invariance";

    /// <inheritdoc/>
    public string Title => "Under additive noise on a quadratic, the average's path does not depend on the schedule";

    /// <inheritdoc/>
    public string Source => "claims.md §1, key identity [derived]; cf. Woodworth et al. (2020) on quadratics";

    /// <inheritdoc/>
    public string Statement => "For F quadratic and noise independent of x, x̄^{t+1} − x* = (I − η_t A)(x̄^t − x*) − η_t·mean_i ξ_i^t for every communication set I: under common random numbers every schedule gives the same path of x̄, equal to mini-batch SGD with batch N.";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["F(x) = ½ Σ a_k x_k² (quadratic)", "additive Gaussian noise (c = 0)", "same noise for every schedule (common random numbers)"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static (int Workers, int Steps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (8, 200, 4),
        Profile.Ci => (16, 1000, 8),
        _ => (32, 5000, 16),
    };

    private static ICommunicationSchedule[] Schedules => [new EveryStep(), new OneShot(), new ConstantPeriod(10),
        new IncreasingIntervals(RoundCount.PowerOfWorkers(1)), new QuadraticSynchronizationRule(2, 0.3)];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, steps, replicates) = Size(profile);
        return new ClaimDesign("separable quadratic, a = (1, 2, 3), c = 0, σ = 0.5, x0 = 1, η_t = 3/(t+1)", [workers], [steps],
            Schedules.Select(s => s.Kind).ToArray(), replicates, Assertions: 0, Notes: "exact: every schedule's x̄ path against the every-step path, replicate by replicate; exact E F(x̄^t) of every schedule from the moment recursions");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, steps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problem = new SeparableQuadratic([1.0, 2.0, 3.0], 0, 0.5);
        var stepSize = new InverseTimeStepSize(3, 1);
        var schedules = Schedules;
        var gaps = new double[schedules.Length];
        var gapByStep = new double[steps];
        for (int replicate = 0; replicate < replicates; replicate++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var reference = Path(problem, workers, steps, stepSize, schedules[0], context.Seed, replicate);
            for (int s = 1; s < schedules.Length; s++)
            {
                var path = Path(problem, workers, steps, stepSize, schedules[s], context.Seed, replicate);
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
        var assertions = schedules.Skip(1).Select((schedule, index) => new AssertionResult(
            $"x̄ path of {schedule.Kind} vs every-step", gaps[index + 1] <= Tolerance ? Verdict.Pass : Verdict.Fail,
            new Quantity("max relative path gap", gaps[index + 1]), new Prediction($"0 (≤ {Tolerance:0e0} round-off)", 0, 0, Tolerance),
            Tolerance - gaps[index + 1], "exact comparison under common random numbers") { Id = $"path-{schedule.Kind}" }).ToList();
        // The same invariance in expectation, from the exact moment recursions (claims.md §5): with c = 0 the engine tracks
        // q and r separately, and only their combination E x̄² = q/N + (1 − 1/N) r must not depend on the schedule.
        double exactWorst = 0;
        var checkpoints = Enumerable.Range(1, steps).ToArray();
        var expected = ExactAverageErrors(context, problem, workers, steps, stepSize, schedules[0], checkpoints);
        foreach (var schedule in schedules.Skip(1))
        {
            var errors = ExactAverageErrors(context, problem, workers, steps, stepSize, schedule, checkpoints);
            double gap = errors.Zip(expected, (a, b) => Math.Abs(a - b) / b).Max();
            exactWorst = Math.Max(exactWorst, gap);
            assertions.Add(new AssertionResult($"exact E F(x̄^t) of {schedule.Kind} vs every-step, t = 1..T",
                gap <= ExpectationTolerance ? Verdict.Pass : Verdict.Fail, new Quantity("max relative gap of E F(x̄^t)", gap),
                new Prediction($"0 (≤ {ExpectationTolerance:0e0} round-off)", 0, 0, ExpectationTolerance), ExpectationTolerance - gap,
                "exact moment recursions (claims.md §5), no sampling") { Id = $"expectation-{schedule.Kind}" });
        }
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), "E F(x̄^t) of the schedule equals every-step's within 1e-9 relative at t = T/4, T/2, T",
            c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("expectation-everywhere", "exact moment recursions (claims.md §5) at every explored configuration"));
        double worst = gaps.Max();
        var figure = new Figure("schedule-invariance", "Largest gap between the x̄ paths of all schedules and every-step",
            new Axis("step t"), new Axis("max relative gap (path scale)", Logarithmic: true),
            [AveragePath.GapSeries("max gap over schedules and replicates", gapByStep)],
            [new ReferenceLine("tolerance 1e-12", 0, Tolerance)]);
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("max relative path gap", worst),
            new Prediction($"0 up to round-off, tolerance {Compact(Tolerance)}", 0, 0, Tolerance), Tolerance - worst, assertions,
            [$"{schedules.Length} schedules, N = {workers}, T = {steps}, {replicates} replicates under common random numbers: the largest gap of x̄ to the every-step path is {Compact(worst)} of the path's scale; the exact expected errors E F(x̄^t) of all schedules agree to {Compact(exactWorst)} relative.",
             $"Across the space: {exploration.Explored.Count} configurations explored; largest relative gap of E F(x̄^t) to every-step {Compact(exploration.WorstRatio * ExpectationTolerance)} at {exploration.Worst?.Configuration}."],
            [figure], (long)replicates * schedules.Length) { Exploration = exploration.ToReport() };
    }

    // The largest relative gap between the schedule's and every-step's exact E F(x̄^t) at t = T/4, T/2, T.
    private LawOutcome Measure(ClaimContext context, IdentityConfiguration c)
    {
        int[] checkpoints = new[] { c.Steps / 4, c.Steps / 2, c.Steps }.Where(t => t >= 1).Distinct().ToArray();
        var schedule = new LocalSgdConfiguration(c.Problem, c.Workers, c.Steps, c.StartPoint, c.StepSize, c.Schedule.Build(), checkpoints: checkpoints);
        var reference = new LocalSgdConfiguration(c.Problem, c.Workers, c.Steps, c.StartPoint, c.StepSize, new EveryStep(), checkpoints: checkpoints);
        var errors = ExactAverageErrors(context, schedule);
        var expected = ExactAverageErrors(context, reference);
        double gap = errors.Zip(expected, (a, b) => Math.Abs(a - b) / b).Max();
        return LawOutcome.AtMost(double.IsNaN(gap) ? double.PositiveInfinity : gap, ExpectationTolerance, "largest relative gap of E F(x̄^t) to every-step",
            ReplayScenarios.Exact(Id, $"{c}; compare with communication every-step", schedule, errors[^1], context.Seed));
    }

    private static IReadOnlyList<double> ExactAverageErrors(ClaimContext context, IProblem problem, int workers, int steps, IStepSizeSchedule stepSize, ICommunicationSchedule schedule, int[] checkpoints) =>
        ExactAverageErrors(context, new LocalSgdConfiguration(problem, workers, steps, [1.0, 1.0, 1.0], stepSize, schedule, checkpoints: checkpoints));

    private static IReadOnlyList<double> ExactAverageErrors(ClaimContext context, LocalSgdConfiguration configuration) =>
        context.Exact("average-errors/" + ConfigurationFingerprint.Of(configuration), () =>
            (ExactEngine.TryCompute(configuration) ?? throw new InvalidOperationException($"the exact engine has no moments for '{configuration.Communication.Kind}'")).AverageErrors.ToArray());

    private static List<double[]> Path(IProblem problem, int workers, int steps, IStepSizeSchedule stepSize, ICommunicationSchedule schedule, ulong seed, int replicate)
        => AveragePath.Of(new LocalSgdConfiguration(problem, workers, steps, [1.0, 1.0, 1.0], stepSize, schedule), seed, replicate);
}
