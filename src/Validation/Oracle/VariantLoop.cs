using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// Runs a <see cref="LoopVariant"/> of Local SGD against the run's seeded oracle and records its trace. The reference
/// variant performs the same floating-point operations in the same order as <see cref="ReferenceLocalSgd"/>
/// (y_i = x_i − η g_i; x̄ = Σ_i y_i / N summed in worker order; averages after the steps in I), so its points are the
/// reference's bit for bit; the mutations change one ingredient each.
/// </summary>
public static class VariantLoop
{
    /// <summary>
    /// Runs <paramref name="variant"/> on <paramref name="run"/>. <paramref name="continueAfter"/>, if given, sees every
    /// query (step, worker, point) as it is made and may stop the loop by returning false (the trace then ends there,
    /// without an output): the diagnosis stops a mutation at its first point that differs from the implementation's.
    /// </summary>
    public static LoopTrace Run(OracleRun run, LoopVariant variant, Func<int, int, double[], bool>? continueAfter = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(variant);
        int n = run.Workers, d = run.Dimension, steps = run.Steps;
        IGradientOracle oracle = run.Problem.CreateOracle(run.Seed);
        var trace = new LoopTrace();
        var sync = StepFlags(variant.SyncSteps, steps);
        var global = variant.Groups is null ? null : StepFlags(variant.GlobalSyncSteps ?? [], steps);
        var groupSizeAt = variant.Groups is null ? GroupSizeAt(variant, n, steps) : null;
        bool float32 = variant.Float32;
        double Store(double value) => float32 ? (float)value : value;

        var workers = new double[n][];
        for (int i = 0; i < n; i++)
        {
            workers[i] = variant.StartPoints is { } starts ? (double[])starts[i].Clone() : (double[])run.InitialPoint.Clone();
            for (int k = 0; k < d; k++) workers[i][k] = Store(workers[i][k]);
        }
        var pending = new double[n][];
        for (int i = 0; i < n; i++) pending[i] = new double[d];
        var gradients = new double[n][];
        for (int i = 0; i < n; i++) gradients[i] = new double[d];
        var velocities = new double[n][];
        for (int i = 0; i < n; i++) velocities[i] = new double[d];
        var buffered = new bool[n];
        var flipped = new bool[n];
        foreach (int worker in variant.SignFlippedWorkers ?? [])
            if (worker >= 0 && worker < n) flipped[worker] = true;
        var lastAverage = run.InitialPoint.Select(Store).ToArray();
        var meanGradient = new double[d];
        var direction = new double[d];
        var average = new double[d];
        var combined = new double[d];
        var previousGlobal = (double[])run.InitialPoint.Clone();
        var weightedSum = new double[d];
        double weightTotal = 0;
        var output = variant.OutputOverride ?? run.Output;
        bool weighted = output.Weight(1) is not null;
        int rounds = 0, groupSize = Math.Max(1, variant.MicroBatches), inGroup = 0;

        for (int step = 1; step <= steps; step++)
        {
            double stepSize = Store(run.StepSizes[StepSizeIndex(variant.StepSize, step, steps, rounds)] * variant.StepScale);
            inGroup++;
            bool applyNow = groupSize == 1 || step % groupSize == 0 || step == steps;
            // Each worker's gradient depends only on its own point, so drawing all of them before updating any gives
            // the reference's values while letting a mutation apply them to the wrong models.
            for (int i = 0; i < n; i++)
            {
                double[] point = variant.GradientAtLastAverage ? lastAverage : workers[i];
                trace.AddQuery(step, i, point);
                if (continueAfter is not null && !continueAfter(step, i, point)) return trace;
                oracle.StochasticGradient(point, new NoiseAddress(run.Replicate, i, step - 1), gradients[i]);
                if (float32)
                    for (int k = 0; k < d; k++) gradients[i][k] = Store(gradients[i][k]);
            }
            if (variant.AverageGradientsEveryStep) Mean(gradients, meanGradient, Store);
            for (int i = 0; i < n; i++)
            {
                double[] gradient = variant.AverageGradientsEveryStep ? meanGradient : gradients[((i + variant.GradientShift) % n + n) % n];
                double[] row = workers[i];
                bool ascend = variant.FlipGradientSign != flipped[i];
                if (groupSize == 1)
                {
                    double[] used = Direction(variant, gradient, row, velocities[i], ref buffered[i], direction, Store);
                    if (ascend)
                        for (int k = 0; k < d; k++) row[k] = Store(row[k] + Store(stepSize * used[k]));
                    else
                        for (int k = 0; k < d; k++) row[k] = Store(row[k] - Store(stepSize * used[k]));
                    continue;
                }
                double[] accumulated = pending[i];
                for (int k = 0; k < d; k++) accumulated[k] += gradient[k];
                if (!applyNow) continue;
                double sign = ascend ? -1 : 1;
                for (int k = 0; k < d; k++)
                {
                    row[k] = row[k] - sign * stepSize * (accumulated[k] / inGroup);
                    accumulated[k] = 0;
                }
            }
            if (applyNow) inGroup = 0;

            if (variant.OutputFromCombination) Combine(variant, workers, average, Store);
            else Mean(workers, average, Store);
            if (sync[step])
            {
                if (global is not null && !global[step])
                {
                    AverageWithinGroups(variant.Groups!, workers, Store);
                }
                else if (groupSizeAt is not null && groupSizeAt[step] < n)
                {
                    AverageWithinGroups(ContiguousGroups(n, groupSizeAt[step]), workers, Store);
                }
                else
                {
                    Combine(variant, workers, combined, Store);
                    if (variant.FlipPseudoGradient)
                    {
                        for (int k = 0; k < d; k++) combined[k] = previousGlobal[k] + (previousGlobal[k] - combined[k]);
                        combined.CopyTo(previousGlobal, 0);
                    }
                    for (int i = 0; i < n; i++)
                    {
                        bool receives = variant.Broadcast == BroadcastRule.AllWorkers ? !(variant.LeftOutKeepsOwnModel && variant.LeftOutWorker == i) : i == 0;
                        if (receives) combined.CopyTo(workers[i], 0);
                    }
                    combined.CopyTo(lastAverage, 0);
                }
                if (variant.MomentumResetAtSync)
                {
                    foreach (double[] velocity in velocities) Array.Clear(velocity);
                    Array.Clear(buffered);
                }
                trace.SyncSteps.Add(step);
                rounds++;
            }
            if (!AllFinite(workers)) return trace;
            if (output.Weight(step) is double weight)
            {
                for (int k = 0; k < d; k++) weightedSum[k] += weight * average[k];
                weightTotal += weight;
            }
        }

        var result = new double[d];
        if (weighted)
            for (int k = 0; k < d; k++) result[k] = weightedSum[k] / weightTotal;
        else
            workers[0].CopyTo(result, 0);
        trace.Output = result;
        return trace;
    }

    /// <summary>Index into the step sizes (0-based) that step s (1-based) uses under a rule.</summary>
    public static int StepSizeIndex(StepSizeRule rule, int step, int steps, int roundsCompleted) => rule switch
    {
        StepSizeRule.OneStepAhead => Math.Min(step, steps - 1),
        StepSizeRule.OneStepBehind => Math.Max(step - 2, 0),
        StepSizeRule.IndexedByRound => Math.Min(roundsCompleted, steps - 1),
        StepSizeRule.OneStepBehindWrapping => step >= 2 ? step - 2 : steps - 1,
        StepSizeRule.OneStepAheadWrapping => step % steps,
        _ => step - 1,
    };

    /// <summary>
    /// The vector the worker steps along: the gradient itself for the reference; clipped to norm τ, plus λ·x, and
    /// through the worker's momentum buffer when the variant has those ingredients.
    /// </summary>
    private static double[] Direction(LoopVariant variant, double[] gradient, double[] point, double[] velocity, ref bool buffered, double[] direction,
        Func<double, double> store)
    {
        if (variant.ClipThreshold is null && variant.WeightDecay == 0 && variant.Momentum == 0) return gradient;
        int d = gradient.Length;
        double factor = 1;
        if (variant.ClipThreshold is double threshold)
        {
            double norm = 0;
            for (int k = 0; k < d; k++) norm += gradient[k] * gradient[k];
            norm = Math.Sqrt(norm);
            if (norm > threshold) factor = threshold / norm;
        }
        for (int k = 0; k < d; k++)
        {
            double value = factor == 1 ? gradient[k] : store(gradient[k] * factor);
            if (variant.WeightDecay != 0) value = store(value + store(variant.WeightDecay * point[k]));
            direction[k] = value;
        }
        if (variant.Momentum == 0) return direction;
        // A new buffer is the gradient itself (torch.optim.SGD), so dampening starts with the second step.
        double damped = buffered ? 1 - variant.Dampening : 1;
        for (int k = 0; k < d; k++)
            velocity[k] = store(store(variant.Momentum * velocity[k]) + (damped == 1 ? direction[k] : store(damped * direction[k])));
        buffered = true;
        if (!variant.Nesterov) return velocity;
        for (int k = 0; k < d; k++) direction[k] = store(direction[k] + store(variant.Momentum * velocity[k]));
        return direction;
    }

    /// <summary>The plain mean (1/N) Σ_i rows_i, summed in worker order (the reference's virtual average).</summary>
    private static void Mean(double[][] rows, double[] mean, Func<double, double> store)
    {
        int n = rows.Length;
        for (int k = 0; k < mean.Length; k++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum = store(sum + rows[i][k]);
            mean[k] = store(sum / n);
        }
    }

    private static void Combine(LoopVariant variant, double[][] workers, double[] combined, Func<double, double> store)
    {
        int n = workers.Length, d = combined.Length;
        double weightSum = n * (n + 1) / 2.0;
        for (int k = 0; k < d; k++)
        {
            double sum = 0;
            if (variant.Averaging == AveragingRule.WeightedByWorkerIndex)
            {
                for (int i = 0; i < n; i++) sum += (i + 1) / weightSum * workers[i][k];
                combined[k] = sum;
                continue;
            }
            for (int i = 0; i < n; i++)
                if (variant.LeftOutWorker != i) sum = store(sum + workers[i][k]);
            int members = variant.LeftOutWorker is int left && left >= 0 && left < n && n > 1 ? n - 1 : n;
            combined[k] = store(variant.Averaging switch
            {
                AveragingRule.DivideByWorkersMinusOne => sum / Math.Max(1, members - 1),
                AveragingRule.SumWithoutDividing => sum,
                _ => sum / members,
            });
        }
    }

    private static void AverageWithinGroups(int[] groups, double[][] workers, Func<double, double> store)
    {
        int d = workers[0].Length;
        foreach (int group in groups.Distinct())
        {
            int[] members = Enumerable.Range(0, workers.Length).Where(i => i < groups.Length && groups[i] == group).ToArray();
            var mean = new double[d];
            for (int k = 0; k < d; k++)
            {
                double sum = 0;
                foreach (int i in members) sum = store(sum + workers[i][k]);
                mean[k] = store(sum / members.Length);
            }
            foreach (int i in members) mean.CopyTo(workers[i], 0);
        }
    }

    /// <summary>The declared group size of the averaging after each step (N where none is declared), or null when all are global.</summary>
    private static int[]? GroupSizeAt(LoopVariant variant, int workers, int steps)
    {
        if (variant.GroupSizes is not { } sizes) return null;
        var at = new int[steps + 1];
        Array.Fill(at, workers);
        for (int index = 0; index < Math.Min(sizes.Length, variant.SyncSteps.Length); index++)
        {
            int step = variant.SyncSteps[index];
            if (step >= 1 && step <= steps && sizes[index] >= 1 && workers % sizes[index] == 0) at[step] = sizes[index];
        }
        return at;
    }

    /// <summary>Group index ⌊i/g⌋ per worker: contiguous groups of g workers.</summary>
    public static int[] ContiguousGroups(int workers, int groupSize) => Enumerable.Range(0, workers).Select(worker => worker / groupSize).ToArray();

    private static bool[] StepFlags(IEnumerable<int> stepList, int steps)
    {
        var flags = new bool[steps + 1];
        foreach (int step in stepList)
            if (step >= 1 && step <= steps) flags[step] = true;
        return flags;
    }

    private static bool AllFinite(double[][] workers)
    {
        foreach (double[] row in workers)
            foreach (double value in row)
                if (!double.IsFinite(value)) return false;
        return true;
    }
}
