using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// Problem: the kink and smooth functions (non-quadratic; σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L)) and the separable
/// quadratic with multiplicative noise (a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t+1)).
/// Algorithm: Local SGD with I = {1..T} against mini-batch SGD written here,
/// x ← x − η_t·(1/N) Σ_i g(x, ξ_i^t), drawing worker i's noise for the i-th gradient of the batch.
/// Guarantee [derived, claims.md §1]: with I = {1..T} all workers hold x̄^t after every step, so each draws its gradient
/// at x̄^t and x̄^{t+1} = (1/N) Σ_i (x̄^t − η_t g_i) = x̄^t − η_t (1/N) Σ_i g_i: mini-batch SGD with batch N, whatever F and
/// however the noise depends on x. The two loops round differently (the mean of steps vs the step of the mean), so the
/// paths agree to round-off: relative 1e-12 of the path's scale (claims.md §6, path identities).
/// </summary>
public sealed class EveryStepIsMinibatchClaim : IClaim
{
    /// <summary>Largest path gap, relative to the largest coordinate either path reaches, accepted as round-off.</summary>
    public const double Tolerance = 1e-12;

    private readonly ICommunicationSchedule schedule;

    /// <summary>The claim as stated: the every-step schedule I = {1..T}.</summary>
    public EveryStepIsMinibatchClaim() : this(new EveryStep()) { }

    /// <summary>
    /// The claim about another schedule, so a power test can plant a mislabeled one (e.g. a constant period H = 2, which
    /// is not mini-batch SGD on these problems and must fail).
    /// </summary>
    public EveryStepIsMinibatchClaim(ICommunicationSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = schedule;
    }

    /// <summary>
    /// The identity's space (claims.md §4a, identities): every problem family the simulator runs here (the separable
    /// quadratic of any d, a, c, σ; kink and smooth functions), N ∈ 2..32, T ≤ 400, any replicate; the schedule is the claim's.
    /// </summary>
    public static AssumptionSpace<IdentityConfiguration> Space { get; } = new(
        IdentityConfiguration.Generator(Gen.Choose(2, 32), Gen.Constant(ScheduleChoice.EveryStep)),
        c => c.Shrink(2),
        c => c.Workers is >= 2 and <= 32 && (c.Quadratic is null || c.Quadratic.Curvatures.All(a => c.Quadratic.Alpha * a <= 9)),
        c => c.ToString(),
        [
            new Hypothesis("I = {1..T}; identical workers (one objective)", "claims.md §1, further exact facts [derived]"),
            new Hypothesis("any problem: separable quadratic (d ≤ 3, a ∈ [0.5, 3], c ≤ 1.5, η_t = α/(t + β) with α a_k ≤ 9), kink or smooth function (σ ≤ 16, η_t = min(α/(t + 1), 1/L)); noise may depend on x", "claims.md §2 and §4a, identities"),
            new Hypothesis("N ∈ 2..32, T ≤ 400, any replicate (worker i's noise is the i-th batch gradient's)", "claims.md §1 [derived]"),
        ]);

    /// <summary>Configurations explored besides the paper's: quick 20, ci 120, full 1200.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 20,
        Profile.Ci => 120,
        _ => 1200,
    };

    /// <inheritdoc/>
    public string Id => "identities.every-step-is-minibatch";

    /// <inheritdoc/>
    public string Title => "Averaging after every step is mini-batch SGD with batch N";

    /// <inheritdoc/>
    public string Statement => "With I = {1..T} the workers are equal after every step, so x̄^{t+1} = x̄^t − η_t·(1/N) Σ_i g(x̄^t, ξ_i^t): mini-batch SGD with batch N, for any objective and any noise (also iterate-dependent), up to round-off.";

    /// <inheritdoc/>
    public string Source => "claims.md §1, further exact facts [derived]";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["I = {1..T}", "identical workers (one objective)", "the same noise for worker i and the i-th batch gradient (common random numbers)"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static (int Workers, int Steps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (8, 200, 3),
        Profile.Ci => (16, 1000, 8),
        _ => (32, 5000, 16),
    };

    private static IdentityProblem[] Problems() => [IdentityProblem.Kink(), IdentityProblem.Smooth(), IdentityProblem.Quadratic()];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (workers, steps, replicates) = Size(profile);
        return new ClaimDesign("kink and smooth functions (σ = 8, x0 = 2); separable quadratic with multiplicative noise (a = (1, 2, 3), c = 1, σ = 0.5)",
            [workers], [steps], [schedule.Kind], replicates, Assertions: 0,
            Notes: "exact: x̄ path of the schedule against an independent mini-batch SGD loop, relative 1e-12 of the path scale");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (workers, steps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problems = Problems();
        var assertions = new List<AssertionResult>();
        var series = new List<FigureSeries>();
        double worst = 0;
        for (int p = 0; p < problems.Length; p++)
        {
            var (key, name, problem, start, stepSize) = problems[p];
            double problemGap = 0;
            var gapByStep = new double[steps];
            for (int replicate = 0; replicate < replicates; replicate++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var local = AveragePath.Of(new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule), context.Seed, replicate);
                var batch = MinibatchPath(problem, start, stepSize, workers, steps, context.Seed, replicate);
                // Round-off of x − η·g scales with the path's magnitude, not with x^t itself (which may pass near 0).
                double scale = 0;
                for (int t = 0; t < steps; t++)
                    for (int k = 0; k < start.Length; k++) scale = Math.Max(scale, Math.Max(Math.Abs(local[t][k]), Math.Abs(batch[t][k])));
                for (int t = 0; t < steps; t++)
                {
                    double gap = 0;
                    for (int k = 0; k < start.Length; k++) gap = Math.Max(gap, Math.Abs(local[t][k] - batch[t][k]));
                    gap = scale > 0 ? gap / scale : gap;
                    gapByStep[t] = Math.Max(gapByStep[t], gap);
                    problemGap = Math.Max(problemGap, gap);
                }
            }
            worst = Math.Max(worst, problemGap);
            assertions.Add(new AssertionResult($"{name}: x̄ path of {schedule.Kind} vs mini-batch SGD (batch {workers})",
                problemGap <= Tolerance ? Verdict.Pass : Verdict.Fail, new Quantity("max relative path gap", problemGap),
                new Prediction($"0 (≤ {Compact(Tolerance)} round-off)", 0, 0, Tolerance), Tolerance - problemGap,
                "exact comparison under common random numbers, relative to the path's largest coordinate") { Id = $"{key}-path" });
            series.Add(AveragePath.GapSeries(name, gapByStep));
            context.Report((p + 1.0) / problems.Length);
        }
        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), $"the x̄ path under {schedule.Kind} is mini-batch SGD's within 1e-12 of the path scale",
            c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("path-everywhere", "relative path gap at every explored configuration, paths through the measurement store"));
        var figure = new Figure("every-step-is-minibatch", "Largest gap between Local SGD with I = {1..T} and mini-batch SGD (relative to the path scale)",
            new Axis("step t"), new Axis("max relative gap", Logarithmic: true), series, [new ReferenceLine("tolerance 1e-12", 0, Tolerance)]);
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("max relative path gap", worst),
            new Prediction($"0 up to round-off, tolerance {Compact(Tolerance)}", 0, 0, Tolerance), Tolerance - worst, assertions,
            [$"N = {workers}, T = {steps}, {replicates} replicates per problem on {problems.Length} problems (two non-quadratic, one with multiplicative noise): " +
             $"the largest gap between x̄ under {schedule.Kind} and mini-batch SGD with batch {workers} is {Compact(worst)} of the path's scale.",
             $"Across the space: {exploration.Explored.Count} configurations explored; largest gap {Compact(exploration.WorstRatio * Tolerance)} of the path scale at {exploration.Worst?.Configuration}."],
            [figure], (long)replicates * problems.Length * 2 + 2L * exploration.Explored.Count) { Exploration = exploration.ToReport() };
    }

    // The largest gap between replicate r's x̄ under the claim's schedule and the mini-batch loop, relative to the path's scale.
    private LawOutcome Measure(ClaimContext context, IdentityConfiguration c)
    {
        var configuration = new LocalSgdConfiguration(c.Problem, c.Workers, c.Steps, c.StartPoint, c.StepSize, schedule);
        double gap = context.PerReplicate($"minibatch-gap/{ConfigurationFingerprint.Of(configuration)}/replicate={c.Replicate}", 1, context.Seed, (_, _) =>
        {
            var local = AveragePath.Of(configuration, context.Seed, c.Replicate);
            var batch = MinibatchPath(configuration.Problem, c.StartPoint, configuration.StepSize, c.Workers, c.Steps, context.Seed, c.Replicate);
            double scale = 0, largest = 0;
            for (int t = 0; t < c.Steps; t++)
                for (int k = 0; k < local[t].Length; k++)
                {
                    scale = Math.Max(scale, Math.Max(Math.Abs(local[t][k]), Math.Abs(batch[t][k])));
                    largest = Math.Max(largest, Math.Abs(local[t][k] - batch[t][k]));
                }
            return [[scale > 0 ? largest / scale : largest]];
        })[0][0];
        return LawOutcome.AtMost(double.IsNaN(gap) ? double.PositiveInfinity : gap, Tolerance, "largest |x̄ − x_batch| relative to the path scale",
            ReplayScenarios.Path(Id, c.ToString(), configuration, c.Replicate, context.Seed));
    }

    /// <summary>x ← x − η_t·(1/N) Σ_i g(x, ξ_i^t): one point, N gradients, one step with their mean.</summary>
    private static List<double[]> MinibatchPath(IProblem problem, double[] start, IStepSizeSchedule stepSize, int workers, int steps, ulong seed, int replicate)
    {
        var oracle = problem.CreateOracle(seed);
        int d = start.Length;
        var x = start.ToArray();
        var gradient = new double[d];
        var batchMean = new double[d];
        var path = new List<double[]>(steps);
        for (int t = 0; t < steps; t++)
        {
            Array.Clear(batchMean);
            for (int i = 0; i < workers; i++)
            {
                oracle.StochasticGradient(x, new NoiseAddress(replicate, i, t), gradient);
                for (int k = 0; k < d; k++) batchMean[k] += gradient[k];
            }
            double eta = stepSize.At(t);
            for (int k = 0; k < d; k++) x[k] -= eta * (batchMean[k] / workers);
            path.Add(x.ToArray());
        }
        return path;
    }
}
