using LocalSgdVerify.Checks.Framework;
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

        var figure = new Figure("single-worker-is-sgd", "Largest |x̄^t − x_SGD^t| over schedules and replicates (floored at 1e-18 to show zeros)",
            new Axis("step t"), new Axis("absolute difference", Logarithmic: true), series, []);
        return new ClaimResult(Id, ClaimResult.Combine(assertions), new Quantity("steps where x̄ differs from SGD", totalMismatches),
            new Prediction("0 (bit-for-bit SGD)", 0, 0, 0), -totalMismatches, assertions,
            [$"N = {workers}, T = {steps}, {replicates} replicates, {schedules.Length} schedules on {problems.Length} problems: " +
             $"{totalMismatches} of {(long)steps * replicates * schedules.Length * problems.Length} steps differ from the SGD loop x ← x − η_t g(x, ξ_t)."],
            [figure], runs);
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
