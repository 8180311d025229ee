using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The fast path for problems whose workers can be stepped side by side: a block of replicates runs together, all
/// replicates × workers × coordinates laid out as one flat array of lanes (replicate, worker, coordinate; each
/// worker's row padded to <see cref="LanesPerWorker"/> lanes), so every step is one "draw the block's noise in one
/// call, form the gradients, take the steps" pass that vectorizes even when N·d is small (the 1-D problems). The
/// arithmetic per lane is the reference loop's, in the same order, so results are bit-identical to
/// <see cref="ReferenceLocalSgd"/>; x̄ is formed (summed in worker order from 0, divided by N) only where the
/// reference uses it: at sync steps, checkpoints and for weighted outputs. Padding lanes start at 0 and their
/// gradient is kept exactly 0, so they stay 0 and never count. Static schedules only. The hot loops are compiled
/// fully optimized from their first call (AggressiveOptimization): a Monte Carlo run of a fraction of a second would
/// otherwise spend much of it in unoptimized tier-0 code.
/// </summary>
public abstract class BlockedKernel : IReplicateKernel
{
    private readonly LocalSgdConfiguration configuration;
    private readonly int[] syncSteps;
    private readonly bool[] isCheckpoint;
    private readonly double[] average, outputPoint;
    private double[] lanes = [], averages = [], weightedSums = [], weightTotals = [];

    /// <summary>Prepares the schedule bitmaps for a configuration with a static schedule and rows of <paramref name="lanesPerWorker"/> ≥ d lanes.</summary>
    protected BlockedKernel(LocalSgdConfiguration configuration, int lanesPerWorker)
    {
        this.configuration = configuration;
        syncSteps = configuration.StaticSyncSteps ?? throw new ArgumentException("blocked kernels need a static schedule", nameof(configuration));
        if (lanesPerWorker < configuration.Problem.Dimension)
            throw new ArgumentOutOfRangeException(nameof(lanesPerWorker), lanesPerWorker, "a worker's row needs at least d lanes");
        LanesPerWorker = lanesPerWorker;
        isCheckpoint = new bool[configuration.Steps + 1];
        foreach (int checkpoint in configuration.Checkpoints) isCheckpoint[checkpoint] = true;
        average = new double[configuration.Problem.Dimension];
        outputPoint = new double[configuration.Problem.Dimension];
    }

    /// <summary>N.</summary>
    protected int Workers => configuration.Workers;

    /// <summary>d.</summary>
    protected int Dimension => configuration.Problem.Dimension;

    /// <summary>Lanes per worker row: d, or more when the noise layout wants an even row (padding lanes stay 0).</summary>
    protected int LanesPerWorker { get; }

    /// <summary>Called before a block's first step: lay out the noise of replicates [first, first + count).</summary>
    protected abstract void PrepareBlock(int firstReplicate, int count);

    /// <summary>
    /// One fused step for the prepared block: draw the noise of step t for every lane and replace each lane x by
    /// x − η·g(x), exactly as the reference loop's oracle and update. Returns true when some lane is now NaN or
    /// larger in magnitude than <paramref name="bound"/> (padding lanes are 0 and never are).
    /// </summary>
    protected abstract bool Step(Span<double> lanes, int step, double stepSize, double bound);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunBlock(int firstReplicate, int count, ReplicateSink sink)
    {
        var c = configuration;
        int d = Dimension, n = Workers, width = LanesPerWorker, perReplicate = n * width, laneCount = count * perReplicate;
        if (lanes.Length < laneCount) lanes = new double[laneCount];
        if (weightTotals.Length < count) { weightTotals = new double[count]; weightedSums = new double[count * d]; averages = new double[count * width]; }
        Span<double> x = lanes.AsSpan(0, laneCount);
        x.Clear();
        for (int row = 0; row < count * n; row++)
            for (int k = 0; k < d; k++) x[row * width + k] = c.InitialPoint[k];
        Array.Clear(weightedSums); Array.Clear(weightTotals);
        PrepareBlock(firstReplicate, count);
        bool weighted = c.Output.Weight(1) is not null;
        double bound = c.DivergenceBound;
        int syncIndex = 0, checkpointIndex = 0;

        for (int t = 0; t < c.Steps; t++)
        {
            bool outOfBounds = Step(x, t, c.StepSize.At(t), bound);
            int completed = t + 1;
            bool sync = syncIndex < syncSteps.Length && syncSteps[syncIndex] == completed;
            if (sync) syncIndex++;
            bool checkpoint = isCheckpoint[completed];
            // The reference checks after averaging; on a sync step every worker holds x̄, checked below.
            if (outOfBounds && !sync) ThrowDivergence(x, firstReplicate, completed);
            if (!sync && !checkpoint && !weighted) continue;

            double weight = c.Output.Weight(completed) ?? 0;
            for (int r = 0; r < count; r++)
            {
                Span<double> rows = x.Slice(r * perReplicate, perReplicate);
                Span<double> mean = averages.AsSpan(r * width, width);
                AverageWorkers(rows, n, mean);
                if (sync)
                {
                    for (int i = 0; i < n; i++) mean.CopyTo(rows.Slice(i * width, width));
                    if (!WithinBound(mean, bound)) ThrowDivergence(x, firstReplicate, completed);
                }
                if (weighted)
                {
                    for (int k = 0; k < d; k++) weightedSums[r * d + k] += weight * mean[k];
                    weightTotals[r] += weight;
                }
                if (checkpoint)
                {
                    ReadOnlySpan<double> output = mean[..d];
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
        for (int r = 0; r < count; r++) sink.Rounds[sink.Slot(firstReplicate + r)] = syncSteps.Length;
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

    /// <summary>
    /// x̄ of one replicate's rows: for every lane k, (0 + x_0k + x_1k + … + x_(N−1)k)/N, the order of
    /// <see cref="ReferenceLocalSgd.VirtualAverage"/>; vectorized across k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AverageWorkers(ReadOnlySpan<double> rows, int workers, Span<double> mean)
    {
        int width = mean.Length, k = 0;
        ref double source = ref MemoryMarshal.GetReference(rows);
        ref double target = ref MemoryMarshal.GetReference(mean);
        if (Vector512.IsHardwareAccelerated)
        {
            var divisor = Vector512.Create((double)workers);
            for (; k <= width - Vector512<double>.Count; k += Vector512<double>.Count)
            {
                var sum = Vector512<double>.Zero;
                for (int i = 0; i < workers; i++) sum += Vector512.LoadUnsafe(ref source, (nuint)(i * width + k));
                (sum / divisor).StoreUnsafe(ref target, (nuint)k);
            }
        }
        for (; k < width; k++)
        {
            double sum = 0;
            for (int i = 0; i < workers; i++) sum += Unsafe.Add(ref source, i * width + k);
            Unsafe.Add(ref target, k) = sum / workers;
        }
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
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma); var vBound = Vector512.Create(bound);
            var bad = Vector512<double>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var next = xj - vEta * (gradient.At(xj, (nuint)j) + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j));
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector512<double>.Zero;
        }
        for (; j < count; j++)
        {
            lanes[j] = lanes[j] - eta * (gradient.At(lanes[j], j) + sigma * noise[j]);
            outOfBounds |= OutOfBounds(lanes[j], bound);
        }
        return outOfBounds;
    }

    /// <summary>|x| ≤ bound for every lane of a vector; false for NaN too, so one comparison catches both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> OutOfBounds(Vector512<double> x, Vector512<double> bound) =>
        ~Vector512.LessThanOrEqual(Vector512.Abs(x), bound);

    /// <summary>The scalar form: NaN or |x| &gt; bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OutOfBounds(double x, double bound) => !(Math.Abs(x) <= bound);

    private void ThrowDivergence(ReadOnlySpan<double> x, int firstReplicate, int step)
    {
        int width = LanesPerWorker, perReplicate = Workers * width;
        for (int index = 0; index < x.Length; index++)
            if (OutOfBounds(x[index], configuration.DivergenceBound))
                throw new DivergenceException(step, firstReplicate + index / perReplicate, index % perReplicate / width, x[index]);
        throw new InvalidOperationException("a kernel reported a lane out of bounds that is not");
    }
}
