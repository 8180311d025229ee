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
        var sync = new bool[steps + 1];
        foreach (int step in variant.SyncSteps)
            if (step >= 1 && step <= steps) sync[step] = true;

        var workers = new double[n][];
        for (int i = 0; i < n; i++)
            workers[i] = variant.StartPoints is { } starts ? (double[])starts[i].Clone() : (double[])run.InitialPoint.Clone();
        var pending = new double[n][];
        for (int i = 0; i < n; i++) pending[i] = new double[d];
        var gradients = new double[n][];
        for (int i = 0; i < n; i++) gradients[i] = new double[d];
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
            double stepSize = run.StepSizes[StepSizeIndex(variant.StepSize, step, steps, rounds)];
            inGroup++;
            bool applyNow = groupSize == 1 || step % groupSize == 0 || step == steps;
            // Each worker's gradient depends only on its own point, so drawing all of them before updating any gives
            // the reference's values while letting a mutation apply them to the wrong models.
            for (int i = 0; i < n; i++)
            {
                trace.AddQuery(step, i, workers[i]);
                if (continueAfter is not null && !continueAfter(step, i, workers[i])) return trace;
                oracle.StochasticGradient(workers[i], new NoiseAddress(run.Replicate, i, step - 1), gradients[i]);
            }
            for (int i = 0; i < n; i++)
            {
                double[] gradient = gradients[((i + variant.GradientShift) % n + n) % n];
                double[] row = workers[i];
                if (groupSize == 1)
                {
                    if (variant.FlipGradientSign)
                        for (int k = 0; k < d; k++) row[k] = row[k] + stepSize * gradient[k];
                    else
                        for (int k = 0; k < d; k++) row[k] = row[k] - stepSize * gradient[k];
                    continue;
                }
                double[] accumulated = pending[i];
                for (int k = 0; k < d; k++) accumulated[k] += gradient[k];
                if (!applyNow) continue;
                double sign = variant.FlipGradientSign ? -1 : 1;
                for (int k = 0; k < d; k++)
                {
                    row[k] = row[k] - sign * stepSize * (accumulated[k] / inGroup);
                    accumulated[k] = 0;
                }
            }
            if (applyNow) inGroup = 0;

            ReferenceLocalSgd.VirtualAverage(Flatten(workers, d), n, d, average);
            if (sync[step])
            {
                Combine(variant.Averaging, workers, combined);
                if (variant.FlipPseudoGradient)
                {
                    for (int k = 0; k < d; k++) combined[k] = previousGlobal[k] + (previousGlobal[k] - combined[k]);
                    combined.CopyTo(previousGlobal, 0);
                }
                if (variant.Broadcast == BroadcastRule.AllWorkers)
                    for (int i = 0; i < n; i++) combined.CopyTo(workers[i], 0);
                else
                    combined.CopyTo(workers[0], 0);
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
        _ => step - 1,
    };

    private static void Combine(AveragingRule rule, double[][] workers, double[] combined)
    {
        int n = workers.Length, d = combined.Length;
        double weightSum = n * (n + 1) / 2.0;
        for (int k = 0; k < d; k++)
        {
            double sum = 0;
            if (rule == AveragingRule.WeightedByWorkerIndex)
            {
                for (int i = 0; i < n; i++) sum += (i + 1) / weightSum * workers[i][k];
                combined[k] = sum;
                continue;
            }
            for (int i = 0; i < n; i++) sum += workers[i][k];
            combined[k] = rule switch
            {
                AveragingRule.DivideByWorkersMinusOne => sum / Math.Max(1, n - 1),
                AveragingRule.SumWithoutDividing => sum,
                _ => sum / n,
            };
        }
    }

    private static double[] Flatten(double[][] workers, int d)
    {
        var flat = new double[workers.Length * d];
        for (int i = 0; i < workers.Length; i++) workers[i].CopyTo(flat, i * d);
        return flat;
    }

    private static bool AllFinite(double[][] workers)
    {
        foreach (double[] row in workers)
            foreach (double value in row)
                if (!double.IsFinite(value)) return false;
        return true;
    }
}
