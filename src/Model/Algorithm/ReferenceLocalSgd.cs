using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Algorithm;

/// <summary>
/// The reference implementation: one plain Local SGD loop, the executable form of claims.md §1, used as the
/// oracle by the fast simulator kernels and by the validation harness.
/// <code>
/// for t = 0 .. T-1:
///     y_i = x_i^t − η_t · g_i^t                  for every worker i, g_i^t drawn at (replicate, i, t)
///     x̄^{t+1} = (1/N) Σ_i y_i                    (summed in worker order)
///     x_i^{t+1} = x̄^{t+1} if (t+1) ∈ I else y_i  (average AFTER the step, broadcast to all)
/// </code>
/// Under a hierarchical schedule an averaging may be within contiguous groups of g workers
/// (<see cref="GroupAveraging.AverageWithinGroups"/>): then x_i^{t+1} is the mean of y over i's group, and x̄^{t+1}
/// is still the mean of all y_i, which a group average leaves unchanged.
/// A workspace is allocated once per instance; the step loop allocates nothing, so the simulator reuses one
/// instance per thread for many replicates.
/// </summary>
public sealed class ReferenceLocalSgd
{
    private readonly LocalSgdConfiguration configuration;
    private readonly IGradientOracle oracle;
    private readonly double[] workers, average, gradient, outputPoint, weightedSum;
    private readonly bool[] isCheckpoint;
    // Group size of the averaging after each step (N: all workers), or null when every averaging is over all workers.
    private readonly int[]? groupSizeAfter;

    /// <summary>Prepares a workspace for runs of <paramref name="configuration"/> with noise from <paramref name="seed"/>.</summary>
    public ReferenceLocalSgd(LocalSgdConfiguration configuration, ulong seed)
    {
        this.configuration = configuration;
        Seed = seed;
        oracle = configuration.Problem.CreateOracle(seed);
        int d = configuration.Problem.Dimension, n = configuration.Workers;
        workers = new double[n * d];
        outputPoint = new double[d];
        average = new double[d];
        gradient = new double[d];
        weightedSum = new double[d];
        isCheckpoint = new bool[configuration.Steps + 1];
        foreach (int checkpoint in configuration.Checkpoints) isCheckpoint[checkpoint] = true;
        if (configuration.Communication is HierarchicalSchedule hierarchical)
        {
            var context = configuration.ScheduleContext;
            groupSizeAfter = new int[configuration.Steps + 1];
            for (int step = 1; step <= configuration.Steps; step++) groupSizeAfter[step] = hierarchical.GroupSizeAfter(step, context);
        }
    }

    /// <summary>The master seed of the noise.</summary>
    public ulong Seed { get; }

    /// <summary>Runs one replicate and returns everything it produced.</summary>
    public static ReplicateOutcome Run(LocalSgdConfiguration configuration, ulong seed, int replicate, IRunObserver? observer = null)
    {
        var outcome = ReplicateOutcome.For(configuration);
        new ReferenceLocalSgd(configuration, seed).RunInto(replicate, outcome, observer);
        return outcome;
    }

    /// <summary>
    /// Runs replicate <paramref name="replicate"/>, writing the output iterate's error and the problem's
    /// observables at each checkpoint into <paramref name="outcome"/>. Throws <see cref="DivergenceException"/>.
    /// </summary>
    public void RunInto(int replicate, ReplicateOutcome outcome, IRunObserver? observer = null)
    {
        var c = configuration;
        IProblem problem = c.Problem;
        int d = problem.Dimension, n = c.Workers, totalSteps = c.Steps;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) workers[i * d + k] = c.InitialPoint[k];
        Array.Clear(weightedSum);
        double weightTotal = 0;
        outcome.SyncSteps.Clear();

        ISyncPlanner planner = c.Communication.Start(c.ScheduleContext);
        bool needsError = c.Communication.DependsOnRun;
        for (int k = 0; k < d; k++) average[k] = c.InitialPoint[k];
        int nextSync = SyncSteps.Next(c.Communication.Kind, planner, 0, needsError ? problem.Error(average) : double.NaN, totalSteps);
        int checkpointIndex = 0;

        for (int t = 0; t < totalSteps; t++)
        {
            double stepSize = c.StepSize.At(t);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> point = workers.AsSpan(i * d, d);
                oracle.StochasticGradient(point, new NoiseAddress(replicate, i, t), gradient);
                observer?.OnGradient(t, i, point, gradient);
                // y_i depends only on x_i, so the step is taken in place once g_i is drawn.
                Span<double> row = workers.AsSpan(i * d, d);
                for (int k = 0; k < d; k++) row[k] = row[k] - stepSize * gradient[k];
            }

            VirtualAverage(workers, n, d, average);
            int completed = t + 1;
            if (completed == nextSync)
            {
                if (groupSizeAfter is not null && groupSizeAfter[completed] < n)
                    GroupAveraging.AverageWithinGroups(workers, n, d, groupSizeAfter[completed]);
                else
                    for (int i = 0; i < n; i++) average.CopyTo(workers, i * d);
                outcome.SyncSteps.Add(completed);
                observer?.OnSync(completed, average);
                if (completed < totalSteps)
                    nextSync = SyncSteps.Next(c.Communication.Kind, planner, completed, needsError ? problem.Error(average) : double.NaN, totalSteps);
            }
            CheckBounds(completed, replicate);

            if (c.Output.Weight(completed) is double weight)
            {
                for (int k = 0; k < d; k++) weightedSum[k] += weight * average[k];
                weightTotal += weight;
            }
            observer?.OnStepCompleted(completed, average, workers);

            if (isCheckpoint[completed])
            {
                ReadOnlySpan<double> output = OutputPoint(weightTotal);
                outcome.Errors[checkpointIndex] = problem.Error(output);
                for (int o = 0; o < problem.Observables.Count; o++)
                    outcome.Observables[o][checkpointIndex] = problem.Observables[o].Evaluate(output);
                checkpointIndex++;
            }
        }
        OutputPoint(weightTotal).CopyTo(outcome.Output);
        workers.CopyTo(outcome.FinalWorkers, 0);
    }

    /// <summary>x̄ = (1/N) Σ_i x_i, summed in worker order then divided by N (the contract fast paths reproduce).</summary>
    public static void VirtualAverage(ReadOnlySpan<double> workers, int workerCount, int dimension, Span<double> average)
    {
        for (int k = 0; k < dimension; k++)
        {
            double sum = 0;
            for (int i = 0; i < workerCount; i++) sum += workers[i * dimension + k];
            average[k] = sum / workerCount;
        }
    }

    private ReadOnlySpan<double> OutputPoint(double weightTotal)
    {
        if (configuration.Output.Weight(1) is null) return average;
        for (int k = 0; k < outputPoint.Length; k++) outputPoint[k] = weightedSum[k] / weightTotal;
        return outputPoint;
    }

    private void CheckBounds(int step, int replicate)
    {
        double bound = configuration.DivergenceBound;
        int d = configuration.Problem.Dimension;
        for (int j = 0; j < workers.Length; j++)
        {
            double value = workers[j];
            // The negated comparison also catches NaN.
            if (!(Math.Abs(value) <= bound)) throw new DivergenceException(step, replicate, j / d, value);
        }
    }
}
