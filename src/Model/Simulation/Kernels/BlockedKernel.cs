using System.Numerics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The fast path for problems whose oracle is coordinate-wise: a block of replicates runs together, all
/// replicates × workers × coordinates laid out as one flat array of lanes, so every step is one fused
/// "draw noise, form gradient, take the step" pass that vectorizes even when N·d is small (the 1-D problems).
/// The arithmetic per lane is the reference loop's, in the same order, so results are bit-identical to
/// <see cref="ReferenceLocalSgd"/>; x̄ is formed (summed in worker order, divided by N) only where the
/// reference uses it: at sync steps, checkpoints and for weighted outputs. Static schedules only.
/// </summary>
public abstract class BlockedKernel : IReplicateKernel
{
    private readonly LocalSgdConfiguration configuration;
    private readonly int[] syncSteps;
    private readonly bool[] isCheckpoint;
    private readonly double[] average, outputPoint;
    private double[] lanes = [], weightedSums = [], weightTotals = [];

    /// <summary>Prepares the schedule bitmaps for a configuration with a static schedule.</summary>
    protected BlockedKernel(LocalSgdConfiguration configuration, ulong seed)
    {
        this.configuration = configuration;
        Seed = seed;
        syncSteps = configuration.StaticSyncSteps ?? throw new ArgumentException("blocked kernels need a static schedule", nameof(configuration));
        isCheckpoint = new bool[configuration.Steps + 1];
        foreach (int checkpoint in configuration.Checkpoints) isCheckpoint[checkpoint] = true;
        average = new double[configuration.Problem.Dimension];
        outputPoint = new double[configuration.Problem.Dimension];
    }

    /// <summary>The master seed.</summary>
    protected ulong Seed { get; }

    /// <summary>N.</summary>
    protected int Workers => configuration.Workers;

    /// <summary>d.</summary>
    protected int Dimension => configuration.Problem.Dimension;

    /// <summary>
    /// One fused step for a block: for each replicate r in [first, first + count) draw the noise of step t for
    /// all workers and replace each lane x by x − η·g(x), exactly as the reference loop's oracle and update.
    /// Lanes are ordered replicate, worker, coordinate.
    /// </summary>
    protected abstract void Step(Span<double> lanes, int firstReplicate, int count, int step, double stepSize);

    /// <inheritdoc/>
    public void RunBlock(int firstReplicate, int count, ReplicateSink sink)
    {
        var c = configuration;
        int d = Dimension, n = Workers, perReplicate = n * d, laneCount = count * perReplicate;
        if (lanes.Length < laneCount) lanes = new double[laneCount];
        if (weightTotals.Length < count) { weightTotals = new double[count]; weightedSums = new double[count * d]; }
        Span<double> x = lanes.AsSpan(0, laneCount);
        for (int r = 0; r < count; r++)
            for (int i = 0; i < n; i++)
                for (int k = 0; k < d; k++) x[r * perReplicate + i * d + k] = c.InitialPoint[k];
        Array.Clear(weightedSums); Array.Clear(weightTotals);
        bool weighted = c.Output.Weight(1) is not null;
        int syncIndex = 0, checkpointIndex = 0;

        for (int t = 0; t < c.Steps; t++)
        {
            Step(x, firstReplicate, count, t, c.StepSize.At(t));
            int completed = t + 1;
            bool sync = syncIndex < syncSteps.Length && syncSteps[syncIndex] == completed;
            if (sync) syncIndex++;
            bool checkpoint = isCheckpoint[completed];
            CheckBounds(x, firstReplicate, completed);
            if (!sync && !checkpoint && !weighted) continue;

            double weight = c.Output.Weight(completed) ?? 0;
            for (int r = 0; r < count; r++)
            {
                Span<double> rows = x.Slice(r * perReplicate, perReplicate);
                ReferenceLocalSgd.VirtualAverage(rows, n, d, average);
                if (sync)
                    for (int i = 0; i < n; i++) average.CopyTo(rows.Slice(i * d, d));
                if (weighted)
                {
                    for (int k = 0; k < d; k++) weightedSums[r * d + k] += weight * average[k];
                    weightTotals[r] += weight;
                }
                if (checkpoint)
                {
                    ReadOnlySpan<double> output = average;
                    if (weighted)
                    {
                        for (int k = 0; k < d; k++) outputPoint[k] = weightedSums[r * d + k] / weightTotals[r];
                        output = outputPoint;
                    }
                    sink.Errors[checkpointIndex][firstReplicate + r] = c.Problem.Error(output);
                }
            }
            if (checkpoint) checkpointIndex++;
        }
        for (int r = 0; r < count; r++) sink.Rounds[firstReplicate + r] = syncSteps.Length;
    }

    private void CheckBounds(ReadOnlySpan<double> x, int firstReplicate, int step)
    {
        var bound = new Vector<double>(configuration.DivergenceBound);
        int width = Vector<double>.Count, j = 0;
        bool bad = false;
        for (; j <= x.Length - width && !bad; j += width)
        {
            var v = new Vector<double>(x.Slice(j, width));
            // |x| ≤ bound is false for NaN too, so one comparison catches both.
            bad = !Vector.LessThanOrEqualAll(Vector.Abs(v), bound);
        }
        if (!bad) for (; j < x.Length; j++) bad |= !(Math.Abs(x[j]) <= configuration.DivergenceBound);
        if (!bad) return;
        int perReplicate = Workers * Dimension;
        for (int index = 0; index < x.Length; index++)
            if (!(Math.Abs(x[index]) <= configuration.DivergenceBound))
                throw new DivergenceException(step, firstReplicate + index / perReplicate, index % perReplicate / Dimension, x[index]);
    }
}
