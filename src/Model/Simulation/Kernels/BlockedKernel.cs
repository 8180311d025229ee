using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The fast path for problems whose workers can be stepped side by side: a block of replicates runs together, all
/// replicates × workers × coordinates laid out as one flat array of lanes (<see cref="LaneLayout"/>), so every step is
/// one "draw the block's randomness, form the gradients, take the steps" pass that vectorizes even when N·d is small
/// (the 1-D problems). The arithmetic per lane is the reference loop's, in the same order, so results are
/// bit-identical to <see cref="ReferenceLocalSgd"/>; x̄ is formed (summed in worker order from 0, divided by N) only
/// where the reference uses it: at syncs, checkpoints and for weighted outputs. Which replicates average after a step,
/// and whether within contiguous groups of workers (hierarchical schedules), comes from <see cref="SyncPlan"/> (static schedules and run-dependent ones such as ADA-LUPA's loss rule, whose
/// replicates make their own rounds). The hot loops are compiled fully optimized from their first call
/// (AggressiveOptimization): a Monte Carlo run of a fraction of a second would otherwise spend much of it in
/// unoptimized tier-0 code.
/// </summary>
public abstract class BlockedKernel : IReplicateKernel
{
    private readonly LocalSgdConfiguration configuration;
    private readonly LaneLayout layout;
    private readonly SyncPlan syncs;
    private readonly bool[] isCheckpoint;
    private readonly double[] average, outputPoint;
    private double[] lanes = [], means = [], weightedSums = [], weightTotals = [];

    /// <summary>Prepares the schedule and checkpoints of a configuration for lanes stored as <paramref name="layout"/> says.</summary>
    private protected BlockedKernel(LocalSgdConfiguration configuration, LaneLayout layout)
    {
        this.configuration = configuration;
        this.layout = layout;
        syncs = new SyncPlan(configuration);
        isCheckpoint = new bool[configuration.Steps + 1];
        foreach (int checkpoint in configuration.Checkpoints) isCheckpoint[checkpoint] = true;
        average = new double[configuration.Problem.Dimension];
        outputPoint = new double[configuration.Problem.Dimension];
    }

    /// <summary>Prepares a kernel whose lanes are worker rows of <paramref name="lanesPerWorker"/> ≥ d lanes (<see cref="RowLayout"/>).</summary>
    protected BlockedKernel(LocalSgdConfiguration configuration, int lanesPerWorker)
        : this(configuration, new RowLayout(configuration.Workers, configuration.Problem.Dimension, lanesPerWorker))
    {
    }

    /// <summary>N.</summary>
    protected int Workers => configuration.Workers;

    /// <summary>d.</summary>
    protected int Dimension => configuration.Problem.Dimension;

    /// <summary>Lanes per worker row of a row layout: d, or more when the noise layout wants an even row (padding lanes stay 0).</summary>
    protected int LanesPerWorker => layout is RowLayout rows ? rows.Width : throw new InvalidOperationException("the kernel's lanes are not worker rows");

    /// <summary>
    /// Zeroes the padding lanes (k ≥ d of every worker row of a row layout) of a step's draws, so that a padding lane's
    /// gradient is exactly 0 and the lane stays 0.
    /// </summary>
    protected void ClearPadding(Span<double> draws)
    {
        int width = LanesPerWorker, d = Dimension;
        if (width == d) return;
        for (int row = 0; row < draws.Length; row += width) draws.Slice(row + d, width - d).Clear();
    }

    /// <summary>Called before a block's first step: lay out the randomness of replicates [first, first + count).</summary>
    protected abstract void PrepareBlock(int firstReplicate, int count);

    /// <summary>
    /// One fused step for the prepared block: draw the randomness of step t for every lane and replace each lane x by
    /// x − η·g(x), exactly as the reference loop's oracle and update. Returns true when some lane is now NaN or
    /// larger in magnitude than <paramref name="bound"/> (padding lanes never are).
    /// </summary>
    protected abstract bool Step(Span<double> lanes, int step, double stepSize, double bound);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunBlock(int firstReplicate, int count, ReplicateSink sink)
    {
        var c = configuration;
        int d = Dimension, laneCount = layout.LaneCount(count);
        if (lanes.Length < laneCount) lanes = new double[laneCount];
        if (weightTotals.Length < count) { weightTotals = new double[count]; weightedSums = new double[count * d]; means = new double[count * d]; }
        Span<double> x = lanes.AsSpan(0, laneCount);
        layout.Fill(x, count, c.InitialPoint);
        Array.Clear(weightedSums); Array.Clear(weightTotals);
        PrepareBlock(firstReplicate, count);
        syncs.Start(count);
        bool weighted = c.Output.Weight(1) is not null;
        double bound = c.DivergenceBound;
        int checkpointIndex = 0;

        for (int t = 0; t < c.Steps; t++)
        {
            bool outOfBounds = Step(x, t, c.StepSize.At(t), bound);
            int completed = t + 1;
            bool sync = syncs.AnyAfter(completed), checkpoint = isCheckpoint[completed];
            // The reference checks the bound after averaging: a lane out of bounds diverged unless its replicate
            // averages now, and then the lanes are checked again below.
            if (outOfBounds && !sync) ThrowIfOutOfBounds(x, count, firstReplicate, completed);
            if (!sync && !checkpoint && !weighted) continue;

            // x̄ is the mean of all workers' iterates before a group average, as in the reference loop.
            int groupSize = syncs.GroupSizeAfter(completed);
            bool everyMean = checkpoint || weighted || (syncs.AllAfter(completed) && groupSize == 0);
            if (everyMean) layout.AverageAll(x, count, means.AsSpan(0, count * d));
            if (groupSize > 0)
            {
                // Only static (hierarchical) schedules average within groups: every replicate does, and nothing is planned.
                if (layout.AverageWithinGroups(x, count, groupSize, bound) || outOfBounds) ThrowIfOutOfBounds(x, count, firstReplicate, completed);
            }
            else if (sync)
            {
                bool everyReplicate = syncs.AllAfter(completed), meanOutOfBounds = false;
                if (everyReplicate) layout.AssignAll(x, count, means.AsSpan(0, count * d));
                for (int r = 0; r < count; r++)
                {
                    if (!syncs.After(r, completed)) continue;
                    Span<double> mean = means.AsSpan(r * d, d);
                    if (!everyMean) layout.Average(x, count, r, mean);
                    if (!everyReplicate) layout.Assign(x, count, r, mean);
                    meanOutOfBounds |= !WithinBound(mean, bound);
                    syncs.Averaged(r, completed, mean);
                }
                syncs.Advance();
                if (outOfBounds || meanOutOfBounds) ThrowIfOutOfBounds(x, count, firstReplicate, completed);
            }
            if (!checkpoint && !weighted) continue;

            double weight = c.Output.Weight(completed) ?? 0;
            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<double> mean = means.AsSpan(r * d, d);
                if (weighted)
                {
                    for (int k = 0; k < d; k++) weightedSums[r * d + k] += weight * mean[k];
                    weightTotals[r] += weight;
                }
                if (checkpoint)
                {
                    ReadOnlySpan<double> output = mean;
                    if (weighted)
                    {
                        for (int k = 0; k < d; k++) outputPoint[k] = weightedSums[r * d + k] / weightTotals[r];
                        output = outputPoint;
                    }
                    Record(sink, checkpointIndex, firstReplicate + r, output);
                }
            }
            if (checkpoint) checkpointIndex++;
        }
        for (int r = 0; r < count; r++)
        {
            int slot = sink.Slot(firstReplicate + r);
            sink.Rounds[slot] = syncs.Rounds(r);
            if (sink.SyncSteps is int[][] steps) steps[slot] = [.. syncs.Steps(r)];
        }
    }

    private void Record(ReplicateSink sink, int checkpointIndex, int replicate, ReadOnlySpan<double> output)
    {
        var problem = configuration.Problem;
        output.CopyTo(average);
        int slot = sink.Slot(replicate);
        sink.Errors[checkpointIndex][slot] = problem.Error(average);
        for (int o = 0; o < problem.Observables.Count; o++)
            sink.Observables[o][checkpointIndex][slot] = problem.Observables[o].Evaluate(average);
    }

    private static bool WithinBound(ReadOnlySpan<double> values, double bound)
    {
        foreach (double value in values)
            if (!(Math.Abs(value) <= bound)) return false;
        return true;
    }

    /// <summary>
    /// The deterministic part f(x) of a problem's stochastic gradient, lane by lane, for <see cref="Update{TGradient}"/>:
    /// the lanes given start at block lane <c>lane</c> (some problems read per-lane data there: curvatures,
    /// multiplicative draws, precomputed products). Each implementation repeats the problem oracle's operations in its
    /// order, so every lane gets the reference loop's bits.
    /// </summary>
    protected interface ILaneGradient
    {
        /// <summary>f at eight lanes.</summary>
        Vector512<double> At(Vector512<double> x, nuint lane);

        /// <summary>f at one lane.</summary>
        double At(double x, int lane);
    }

    /// <summary>
    /// The fused update of the reference loop, x ← x − η·(f(x) + σ·n), for every lane: eight lanes per AVX-512 vector,
    /// the rest (or all, without AVX-512) one by one, both in the oracle's operation order. The gradient is a type
    /// argument, so each kernel gets its own compiled loop with f inlined. Returns true when some lane is now NaN or
    /// larger in magnitude than <paramref name="bound"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected static bool Update<TGradient>(Span<double> lanes, ReadOnlySpan<double> noise, TGradient gradient,
        double sigma, double eta, double bound) where TGradient : struct, ILaneGradient, allows ref struct
    {
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double n = ref MemoryMarshal.GetReference(noise);
        int count = lanes.Length, j = 0;
        bool outOfBounds = false;
        if (Vector512.IsHardwareAccelerated)
        {
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma);
            var largest = Vector512<ulong>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var next = xj - vEta * (gradient.At(xj, (nuint)j) + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j));
                next.StoreUnsafe(ref x, (nuint)j);
                largest = MagnitudeBound.Track(largest, next);
            }
            outOfBounds = MagnitudeBound.Exceeded(largest, bound);
        }
        for (; j < count; j++)
        {
            lanes[j] = lanes[j] - eta * (gradient.At(lanes[j], j) + sigma * noise[j]);
            outOfBounds |= OutOfBounds(lanes[j], bound);
        }
        return outOfBounds;
    }

    /// <summary>NaN or |x| &gt; bound, the reference loop's test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OutOfBounds(double x, double bound) => !(Math.Abs(x) <= bound);

    /// <summary>Throws <see cref="DivergenceException"/> for the first lane (in lane order) that is NaN or out of bounds, if any.</summary>
    private void ThrowIfOutOfBounds(ReadOnlySpan<double> x, int count, int firstReplicate, int step)
    {
        for (int index = 0; index < x.Length; index++)
        {
            if (!OutOfBounds(x[index], configuration.DivergenceBound)) continue;
            var (replicate, worker) = layout.Owner(index, count);
            throw new DivergenceException(step, firstReplicate + replicate, worker, x[index]);
        }
    }
}
