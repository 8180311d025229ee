using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.Model.Text;
using LeastSquaresProblem = LocalSgdVerify.Model.Problems.LeastSquares;

namespace LocalSgdVerify.Checks.Claims.Haddadpour;

/// <summary>
/// The setting shared by Haddadpour et al.'s claims H1 and H2: a rank-deficient least-squares problem with random
/// design (PL but not strongly convex, noise from sampled rows so it depends on x), its step sizes, and the
/// replicate runner that keeps each run's own sync steps (the loss rule's periods differ per run).
/// </summary>
public static class HaddadpourExperiments
{
    /// <summary>Rows n, columns d and rank r of the design: d − r = 2 flat directions, so F is PL, not strongly convex.</summary>
    public const int Rows = 50, Columns = 5, Rank = 3;

    /// <summary>Rows sampled per stochastic gradient (B).</summary>
    public const int BatchSize = 1;

    /// <summary>Label noise ν: the residual at x* is nonzero, so the gradient noise has a floor σ² &gt; 0 (O(1/(pT)) regime).</summary>
    public const double LabelNoise = 0.5;

    /// <summary>
    /// The design's data seed: the problem is fixed, the run seed only changes the row sampling. Chosen for its
    /// constants alone (L_max/μ ≈ 12, κ ≈ 2.2), so that β = 2αL_max/μ ≈ 46 ≪ T0 = 200: both claims are statements
    /// about the 1/t regime (designs of other seeds, with L_max/μ up to ~55, need a larger T0 to leave the transient).
    /// </summary>
    public const ulong DataSeed = 6;

    /// <summary>α of η_t = α/(μ(t + β)).</summary>
    public const double StepScale = 2;

    /// <summary>The problem in the words of a claim's design.</summary>
    public static string Setting => $"least squares {Rows}×{Columns}, rank {Rank}, B = {BatchSize}, ν = {NumberText.Compact(LabelNoise)}";

    /// <summary>The problem (built once; it is immutable).</summary>
    public static LeastSquaresProblem Problem { get; } = new(Rows, Columns, BatchSize, LabelNoise, DataSeed, Rank);

    /// <summary>Rows of H2's partitioned design: 48, divisible by every worker count the profiles use (2, 4, 8).</summary>
    public const int PartitionedRows = 48;

    /// <summary>
    /// H2's setting, data partitioned among the workers (Haddadpour et al.'s distributed setting): the same columns, rank,
    /// batch, label noise and data seed, 48 rows split into one contiguous block of 48/p rows per worker. Each worker's
    /// local objective has its own Hessian and minimiser, so the iterates drift apart between averages and fewer rounds
    /// cost accuracy (on identical data every schedule reaches about the same error).
    /// </summary>
    public static LeastSquaresProblem PartitionedProblem(int workers) => new(PartitionedRows, Columns, BatchSize, LabelNoise, DataSeed, Rank, partitions: workers);

    /// <summary>The partitioned problem in the words of a claim's design.</summary>
    public static string PartitionedSetting => $"least squares {PartitionedRows}×{Columns}, rank {Rank}, B = {BatchSize}, ν = {NumberText.Compact(LabelNoise)}, rows partitioned among the workers";

    /// <summary>x0 = 0.</summary>
    public static double[] InitialPoint => new double[Columns];

    /// <summary>L_max = max_i ‖a_i‖², the smoothness of one sampled row's loss.</summary>
    public static double RowSmoothness { get; } = Enumerable.Range(0, Rows).Max(i =>
    {
        double sum = 0;
        foreach (double value in Problem.Row(i)) sum += value * value;
        return sum;
    });

    /// <summary>μ: the smallest nonzero eigenvalue of H = AᵀA/n, the PL constant.</summary>
    public static double PlConstant => Problem.StrongConvexity!.Value;

    /// <summary>
    /// η_t = α/(μ(t + β)) with α = 2 and β = max(2αL_max/μ, τ): α &gt; 1/2 makes every nonzero eigen-direction
    /// contract at the 1/t rate (2αλ_k/μ ≥ 2α &gt; 1); β ≥ 2αL_max/μ makes the first step a contraction for every sampled
    /// row (η_0 L_max ≤ 1/2); β ≥ τ keeps the shift at least the period, as in the decreasing schedules
    /// η_t ∝ 1/(μ(t + a)) of the PL analyses of local SGD, where a grows with the number of local steps.
    /// </summary>
    public static InverseTimeStepSize StepSize(int period) => StepSize(period, Problem);

    /// <summary>The same rule for another problem of the family (its own L_max and μ).</summary>
    public static InverseTimeStepSize StepSize(int period, LeastSquaresProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        double rowSmoothness = Enumerable.Range(0, problem.Rows).Max(i => { double sum = 0; foreach (double v in problem.Row(i)) sum += v * v; return sum; });
        double mu = problem.StrongConvexity!.Value;
        return new(StepScale, Math.Max(2 * StepScale * rowSmoothness / mu, period), mu);
    }

    /// <summary>
    /// Runs replicates 0..R−1 of a configuration through the claim's measurement store, keeping each run's own sync
    /// steps (run-dependent schedules differ per replicate): each replicate's row is its error F(x̄^T) − F* followed by
    /// its sync steps. The simulator's fused kernels give every replicate the reference loop's bits and sync steps
    /// (tests/LocalSgdVerify.Tests/BitIdentity), so the rows are the reference loop's, whatever the thread count.
    /// </summary>
    public static RunOutcome[] RunReplicates(ClaimContext context, LocalSgdConfiguration configuration, int replicates)
    {
        var rows = context.PerReplicate("reference-runs/" + ConfigurationFingerprint.Of(configuration), replicates, context.Seed, (first, count) =>
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var result = MonteCarloSimulator.Run(configuration,
                new SimulationOptions(count, context.Seed, Math.Max(1, context.Threads)) { FirstReplicate = first, RecordSyncSteps = true });
            var finalErrors = result.Errors[^1];
            return Enumerable.Range(0, count)
                .Select(index => (double[])[finalErrors[index], .. result.SyncStepsPerReplicate![index].Select(step => (double)step)])
                .ToArray();
        });
        return rows.Select(row => new RunOutcome(row[0], row[1..].Select(step => (int)step).ToArray())).ToArray();
    }

    /// <summary>
    /// The two-point slope of ln E[X] against ln T between horizons T1 &lt; T2 from paired replicates: ln(r)/ln(T2/T1)
    /// with r = E[X(T2)]/E[X(T1)] and its Fieller interval mapped through the (increasing) logarithm. An unbounded or
    /// non-positive ratio set gives the interval (−∞, +∞), which can only be inconclusive.
    /// </summary>
    public static Interval TwoPointSlope(ReadOnlySpan<double> atLarger, ReadOnlySpan<double> atSmaller, double horizonRatio, double level)
    {
        var ratio = PairedComparison.RatioOfMeans(atLarger, atSmaller, level);
        double scale = Math.Log(horizonRatio);
        double estimate = ratio.Interval.Estimate > 0 ? Math.Log(ratio.Interval.Estimate) / scale : 0;
        string assumption = ratio.Interval.Assumption + "; slope = ln(ratio)/ln(" + NumberText.Compact(horizonRatio) + ")";
        if (!ratio.IsBounded || !(ratio.Interval.Low > 0))
            return new Interval(double.NegativeInfinity, double.PositiveInfinity, estimate, level, "two-point slope from a Fieller ratio (unbounded)", assumption);
        return new Interval(Math.Log(ratio.Interval.Low) / scale, Math.Log(ratio.Interval.High) / scale, estimate, level,
            "two-point slope from a Fieller ratio", assumption);
    }
}

/// <summary>One run (the reference loop's bits): its error F(x̄^T) − F* and the steps after which it averaged.</summary>
public sealed record RunOutcome(double FinalError, IReadOnlyList<int> SyncSteps);
