using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.Model.StepSizes;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Checks.Claims.Identities;

/// <summary>
/// Problem: the separable quadratic with multiplicative noise (a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t+1)),
/// the kink function and the smooth function (σ = 8, x0 = 2, η_t = min(2/(t+1), 1/L)).
/// Algorithm: Local SGD with N = 1 under every-step, one-shot, constant-period, constant-rounds, increasing-interval
/// and Stich schedules, against a plain SGD loop written here, x ← x − η_t g(x, ξ_t), drawing the noise of worker 0.
/// Guarantee [derived, claims.md §1]: with one worker the average is the worker and averaging is the identity, so
/// every schedule is plain SGD — the same doubles at every step (x̄ = (0 + x)/1 = x exactly).
/// Checked at the paper's three problems under six schedules, and across the space of every problem family, static
/// schedule, horizon and replicate (<see cref="Space"/>).
/// </summary>
public sealed class SingleWorkerIsSgdClaim : IClaim
{
    private readonly int workers;

    /// <summary>The claim as stated: N = 1.</summary>
    public SingleWorkerIsSgdClaim() : this(1) { }

    /// <summary>
    /// The claim with another worker count, so a power test can plant a wrong one (with N &gt; 1 the average is not the
    /// SGD path of worker 0 and the identity must fail).
    /// </summary>
    public SingleWorkerIsSgdClaim(int workers)
    {
        ProblemParameterException.RequireAtLeast("workers", workers, 1);
        this.workers = workers;
    }

    /// <summary>
    /// The identity's space (claims.md §4a, identities): every problem family of claims.md §2 that the simulator runs
    /// here (the separable quadratic of any d, a, c, σ; the kink and smooth functions with σ, x0, α), any static schedule,
    /// T ≤ 400, any replicate; N is the claim's (1).
    /// </summary>
    public AssumptionSpace<IdentityConfiguration> Space => new(
        IdentityConfiguration.Generator(Gen.Constant(workers), ScheduleChoice.Any(50)),
        c => c.Shrink(workers),
        c => c.Workers == workers && (c.Quadratic is null || c.Quadratic.Curvatures.All(a => c.Quadratic.Alpha * a <= 9)),
        c => c.ToString(),
        [
            new Hypothesis($"N = {workers}", "claims.md §1, further exact facts [derived]"),
            new Hypothesis("any problem: separable quadratic (d ≤ 3, a ∈ [0.5, 3], c ≤ 1.5, η_t = α/(t + β) with α a_k ≤ 9), kink or smooth function (σ ≤ 16, η_t = min(α/(t + 1), 1/L))", "claims.md §2 and §4a, identities"),
            new Hypothesis("any static schedule, T ≤ 400, any replicate (the same noise for the worker and for the SGD loop)", "claims.md §1 [derived]"),
        ]);

    /// <summary>Configurations explored besides the paper's: quick 20, ci 120, full 1200.</summary>
    public static int Configurations(Profile profile) => profile switch
    {
        Profile.Quick => 20,
        Profile.Ci => 120,
        _ => 1200,
    };

    /// <inheritdoc/>
    public string Id => "identities.single-worker-is-sgd";

    /// <inheritdoc/>
    public string Title => "With one worker every communication schedule is plain SGD, bit for bit";

    /// <inheritdoc/>
    public string Statement => "For N = 1 the virtual average is the single worker and averaging does nothing, so Local SGD with any set I produces exactly the iterates of SGD x^{t+1} = x^t − η_t g(x^t, ξ_t) under the same noise.";

    /// <inheritdoc/>
    public string Source => "claims.md §1, further exact facts [derived]";

    /// <inheritdoc/>
    public IReadOnlyList<string> Assumptions => ["N = 1", "the same noise for the worker and for the SGD loop (common random numbers)", "any static schedule, any problem"];

    /// <inheritdoc/>
    public ClaimKind Kind => ClaimKind.Exact;

    private static (int Steps, int Replicates) Size(Profile profile) => profile switch
    {
        Profile.Quick => (200, 3),
        Profile.Ci => (1000, 8),
        _ => (5000, 16),
    };

    private static ICommunicationSchedule[] Schedules => [new EveryStep(), new OneShot(), new ConstantPeriod(10), new ConstantRounds(7),
        new IncreasingIntervals(RoundCount.Fixed(5)), new StichPeriod()];

    private static IdentityProblem[] Problems() => [IdentityProblem.Quadratic(), IdentityProblem.Kink(), IdentityProblem.Smooth()];

    /// <inheritdoc/>
    public ClaimDesign Design(Profile profile)
    {
        var (steps, replicates) = Size(profile);
        return new ClaimDesign("separable quadratic (a = (1, 2, 3), c = 1, σ = 0.5), kink and smooth functions (σ = 8, x0 = 2)", [workers], [steps],
            Schedules.Select(s => s.Kind).ToArray(), replicates, Assertions: 0,
            Notes: "exact: every schedule's path of x̄ against an independent SGD loop, step by step, replicate by replicate");
    }

    /// <inheritdoc/>
    public ClaimResult Evaluate(ClaimContext context)
    {
        var (steps, replicates) = Size(context.Profile);
        replicates = context.Replicates(replicates);
        var problems = Problems();
        var schedules = Schedules;
        var assertions = new List<AssertionResult>();
        var series = new List<FigureSeries>();
        long runs = 0;
        int totalMismatches = 0;
        for (int p = 0; p < problems.Length; p++)
        {
            var (key, name, problem, start, stepSize) = problems[p];
            int mismatchedSteps = 0;
            double largestGap = 0;
            var gapByStep = new double[steps];
            for (int replicate = 0; replicate < replicates; replicate++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var sgd = SgdPath(problem, start, stepSize, steps, context.Seed, replicate);
                foreach (var schedule in schedules)
                {
                    var path = AveragePath.Of(new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule), context.Seed, replicate);
                    runs++;
                    for (int t = 0; t < steps; t++)
                    {
                        bool same = true;
                        for (int k = 0; k < start.Length; k++)
                        {
                            double gap = Math.Abs(path[t][k] - sgd[t][k]);
                            // Doubles compared with ==: the claim is equality, not closeness (±0 compare equal).
                            if (path[t][k] != sgd[t][k]) same = false;
                            gapByStep[t] = Math.Max(gapByStep[t], gap);
                            largestGap = Math.Max(largestGap, gap);
                        }
                        if (!same) mismatchedSteps++;
                    }
                }
            }
            totalMismatches += mismatchedSteps;
            assertions.Add(new AssertionResult($"{name}: x̄ path of {schedules.Length} schedules = SGD path",
                mismatchedSteps == 0 ? Verdict.Pass : Verdict.Fail,
                new Quantity("steps where x̄ differs from SGD", mismatchedSteps),
                new Prediction("0 (identical doubles at every step)", 0, 0, 0), -mismatchedSteps,
                "exact equality of doubles under common random numbers", Note: $"largest absolute difference {Compact(largestGap)}") { Id = $"{key}-path" });
            series.Add(AveragePath.GapSeries(name, gapByStep));
            context.Report((p + 1.0) / problems.Length);
        }

        var exploration = Explorer.ForAll(context, Space, Configurations(context.Profile), "the x̄ path of Local SGD with N = 1 is the SGD path, double for double",
            c => Measure(context, c));
        assertions.Add(exploration.SummaryAssertion("path-everywhere", "exact equality of doubles at every explored configuration, paths through the measurement store"));
        var figure = new Figure("single-worker-is-sgd", "Largest |x̄^t − x_SGD^t| over schedules and replicates (floored at 1e-18 to show zeros)",
            new Axis("step t"), new Axis("absolute difference", Logarithmic: true), series, []);
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("steps where x̄ differs from SGD", totalMismatches),
            new Prediction("0 (bit-for-bit SGD)", 0, 0, 0), -totalMismatches, assertions,
            [$"N = {workers}, T = {steps}, {replicates} replicates, {schedules.Length} schedules on {problems.Length} problems: " +
             $"{totalMismatches} of {(long)steps * replicates * schedules.Length * problems.Length} steps differ from the SGD loop x ← x − η_t g(x, ξ_t).",
             $"Across the space: {exploration.Explored.Count} configurations explored, {exploration.Explored.Count(e => e.Outcome.Verdict == Verdict.Fail)} with a step that differs."],
            [figure], runs + exploration.Explored.Count) { Exploration = exploration.ToReport() };
    }

    // The number of steps at which replicate r's x̄ differs from the SGD loop's x, through the measurement store.
    private LawOutcome Measure(ClaimContext context, IdentityConfiguration c)
    {
        var configuration = c.Configuration;
        var row = context.PerReplicate($"sgd-path/{ConfigurationFingerprint.Of(configuration)}/replicate={c.Replicate}", 1, context.Seed, (_, _) =>
        {
            var path = AveragePath.Of(configuration, context.Seed, c.Replicate);
            var sgd = SgdPath(configuration.Problem, c.StartPoint, configuration.StepSize, c.Steps, context.Seed, c.Replicate);
            int mismatched = 0;
            for (int t = 0; t < c.Steps; t++)
                if (!path[t].AsSpan().SequenceEqual(sgd[t])) mismatched++;
            return [[mismatched]];
        })[0];
        return LawOutcome.AtMost(row[0], 0, "steps where x̄ differs from SGD", ReplayScenarios.Path(Id, c.ToString(), configuration, c.Replicate, context.Seed));
    }

    /// <summary>Plain SGD, x^{t+1} = x^t − η_t g(x^t, ξ_t) with the noise of worker 0 at step t — written out so it shares no code with the Local SGD loop.</summary>
    private static List<double[]> SgdPath(IProblem problem, double[] start, IStepSizeSchedule stepSize, int steps, ulong seed, int replicate)
    {
        var oracle = problem.CreateOracle(seed);
        var x = start.ToArray();
        var gradient = new double[x.Length];
        var path = new List<double[]>(steps);
        for (int t = 0; t < steps; t++)
        {
            oracle.StochasticGradient(x, new NoiseAddress(replicate, 0, t), gradient);
            double eta = stepSize.At(t);
            for (int k = 0; k < x.Length; k++) x[k] -= eta * gradient[k];
            path.Add(x.ToArray());
        }
        return path;
    }
}
