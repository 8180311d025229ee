using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The fused step of the problems whose stochastic gradient averages B rows of a data set drawn uniformly with
/// replacement (least squares, logistic regression): g = (1/B) Σ_m c(a_{j_m}ᵀx, e_{j_m})·a_{j_m}, then a problem
/// term, then x ← x − η·g. The lanes are planes (<see cref="PlaneLayout"/>), so one vector holds eight replicates of one
/// worker and coordinate; a step draws the row indices of the whole block at once from the oracles' stream and
/// counters (<see cref="NoiseStreams.RowSampling"/>, <see cref="PlaneRandom.UniformIntegers"/>: index m of address
/// (replicate, worker, step)) and turns the eight rows a vector needs into columns (<see cref="SampledRows"/>). Every
/// lane repeats the oracle's operations in its order: aᵀx summed from 0 in j order, the row's coefficient, the batch
/// sum from 0 in m order, the division by B, the problem's term, the update; no fused multiply-add. With the rows
/// split into P equal contiguous blocks (partitioned data, P = N) worker i draws j uniform in [0, n/P) and reads row
/// i·n/P + j, as the oracle does; a vector's eight lanes are replicates of one worker, so range and offset are the
/// same across it. Needs AVX-512 (<see cref="PlaneRandom.IsSupported"/>).
/// </summary>
public abstract class SampledRowsKernel : BlockedKernel
{
    private const int Width = 8;
    private readonly CounterBasedRandom sampling;
    private readonly SampledRows rows;
    private readonly int batch, blockRows, workerOffset;
    private readonly BatchMean batchMean;
    private readonly double[] columns, gradient;
    private PlaneRandom? random;
    private int[][] sampled = [];
    private int replicateColumns;

    /// <summary>
    /// Prepares the kernel for the <paramref name="rows"/> of the configuration's problem and batches of
    /// <paramref name="batch"/> rows; with <paramref name="partitions"/> P &gt; 1 (one per worker) worker i samples only
    /// rows i·n/P .. (i + 1)·n/P − 1.
    /// </summary>
    private protected SampledRowsKernel(LocalSgdConfiguration configuration, ulong seed, SampledRows rows, int batch, int partitions = 1)
        : base(configuration, new PlaneLayout(configuration.Workers, configuration.Problem.Dimension))
    {
        if (partitions < 1 || rows.Count % partitions != 0 || (partitions > 1 && partitions != configuration.Workers))
            throw new ArgumentException($"partitions = {partitions} must divide the {rows.Count} rows and equal the {configuration.Workers} workers (or be 1)", nameof(partitions));
        sampling = new CounterBasedRandom(seed, NoiseStreams.RowSampling);
        this.rows = rows;
        this.batch = batch;
        blockRows = rows.Count / partitions;
        workerOffset = partitions > 1 ? blockRows : 0;
        batchMean = new BatchMean(batch);
        columns = new double[rows.Stride * Width];
        gradient = new double[Dimension * Width];
    }

    /// <summary>True where the kernels' vector path runs natively (AVX-512); elsewhere the reference loop is used.</summary>
    public static bool IsSupported => PlaneRandom.IsSupported;

    /// <inheritdoc/>
    protected sealed override void PrepareBlock(int firstReplicate, int count)
    {
        random = new PlaneRandom(firstReplicate, count, Workers);
        replicateColumns = PlaneLayout.Columns(count);
        if (sampled.Length == 0 || sampled[0].Length < random.PaddedLength)
            sampled = Enumerable.Range(0, batch).Select(_ => new int[random.PaddedLength]).ToArray();
    }

    /// <summary>What a problem adds to the shared step: the coefficient of a sampled row and the gradient from the batch mean.</summary>
    private protected interface IRowLoss
    {
        /// <summary>c(aᵀx, e) for the row's dot product and its extra value (target or label), eight lanes.</summary>
        Vector512<double> Coefficient(Vector512<double> dot, Vector512<double> extra);

        /// <summary>The gradient from (1/B) Σ_m c_m a_m and the point x, eight lanes.</summary>
        Vector512<double> Gradient(Vector512<double> batchMean, Vector512<double> x);
    }

    /// <summary>The step with the problem's coefficient and gradient inlined (one compiled loop per problem).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected bool Step<TLoss>(Span<double> lanes, int step, double stepSize, double bound, TLoss loss) where TLoss : struct, IRowLoss
    {
        var draws = random!;
        for (int m = 0; m < batch; m += 2)
            draws.UniformIntegers(sampling, step, (uint)(m / 2), blockRows, sampled[m], m + 1 < batch ? sampled[m + 1] : default, workerOffset);
        return rows.Stride == Width ? StepNarrow(lanes, stepSize, bound, loss) : StepWide(lanes, stepSize, bound, loss);
    }

    /// <summary>
    /// d ≤ 7: a row is one chunk, so the eight sampled rows' columns, the point and the batch sums of a vector of lanes
    /// all stay in registers; coordinates j ≥ d are skipped by branches that go the same way at every step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StepNarrow<TLoss>(Span<double> lanes, double stepSize, double bound, TLoss loss) where TLoss : struct, IRowLoss
    {
        int d = Dimension, plane = Workers * replicateColumns;
        ref double x = ref MemoryMarshal.GetReference(lanes);
        var eta = Vector512.Create(stepSize);
        var zero = Vector512<double>.Zero;
        var mean = batchMean;
        var largest = Vector512<ulong>.Zero;
        for (int f = 0; f < plane; f += Width)
        {
            ref double point = ref Unsafe.Add(ref x, f);
            var p0 = Vector512.LoadUnsafe(ref point);
            var p1 = d > 1 ? Vector512.LoadUnsafe(ref point, (nuint)plane) : zero;
            var p2 = d > 2 ? Vector512.LoadUnsafe(ref point, (nuint)(2 * plane)) : zero;
            var p3 = d > 3 ? Vector512.LoadUnsafe(ref point, (nuint)(3 * plane)) : zero;
            var p4 = d > 4 ? Vector512.LoadUnsafe(ref point, (nuint)(4 * plane)) : zero;
            var p5 = d > 5 ? Vector512.LoadUnsafe(ref point, (nuint)(5 * plane)) : zero;
            var p6 = d > 6 ? Vector512.LoadUnsafe(ref point, (nuint)(6 * plane)) : zero;
            Vector512<double> g0 = zero, g1 = zero, g2 = zero, g3 = zero, g4 = zero, g5 = zero, g6 = zero;
            for (int m = 0; m < batch; m++)
            {
                rows.Columns(ref sampled[m][f], 0, out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var extra);
                var dot = zero + c0 * p0;
                if (d > 1) dot += c1 * p1;
                if (d > 2) dot += c2 * p2;
                if (d > 3) dot += c3 * p3;
                if (d > 4) dot += c4 * p4;
                if (d > 5) dot += c5 * p5;
                if (d > 6) dot += c6 * p6;
                var coefficient = loss.Coefficient(dot, extra);
                g0 += c0 * coefficient;
                if (d > 1) g1 += c1 * coefficient;
                if (d > 2) g2 += c2 * coefficient;
                if (d > 3) g3 += c3 * coefficient;
                if (d > 4) g4 += c4 * coefficient;
                if (d > 5) g5 += c5 * coefficient;
                if (d > 6) g6 += c6 * coefficient;
            }
            largest = Update(largest, ref point, 0, p0, g0, eta, mean, loss);
            if (d > 1) largest = Update(largest, ref point, plane, p1, g1, eta, mean, loss);
            if (d > 2) largest = Update(largest, ref point, 2 * plane, p2, g2, eta, mean, loss);
            if (d > 3) largest = Update(largest, ref point, 3 * plane, p3, g3, eta, mean, loss);
            if (d > 4) largest = Update(largest, ref point, 4 * plane, p4, g4, eta, mean, loss);
            if (d > 5) largest = Update(largest, ref point, 5 * plane, p5, g5, eta, mean, loss);
            if (d > 6) largest = Update(largest, ref point, 6 * plane, p6, g6, eta, mean, loss);
        }
        return MagnitudeBound.Exceeded(largest, bound);
    }

    /// <summary>d ≥ 8: rows in chunks of eight entries, the columns and the batch sums through small buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool StepWide<TLoss>(Span<double> lanes, double stepSize, double bound, TLoss loss) where TLoss : struct, IRowLoss
    {
        int d = Dimension, plane = Workers * replicateColumns, extra = rows.Stride - 1;
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double column = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double g = ref MemoryMarshal.GetArrayDataReference(gradient);
        var eta = Vector512.Create(stepSize);
        var mean = batchMean;
        var largest = Vector512<ulong>.Zero;
        for (int f = 0; f < plane; f += Width)
        {
            for (int m = 0; m < batch; m++)
            {
                rows.Columns(ref sampled[m][f], columns);
                var dot = Vector512<double>.Zero;
                for (int j = 0; j < d; j++)
                    dot += Vector512.LoadUnsafe(ref column, (nuint)(j * Width)) * Vector512.LoadUnsafe(ref x, (nuint)(j * plane + f));
                var coefficient = loss.Coefficient(dot, Vector512.LoadUnsafe(ref column, (nuint)(extra * Width)));
                // The batch sum starts at 0, as the oracle's: the first row's term is added to 0, not stored as it is.
                if (m == 0)
                {
                    for (int j = 0; j < d; j++)
                        (Vector512<double>.Zero + Vector512.LoadUnsafe(ref column, (nuint)(j * Width)) * coefficient).StoreUnsafe(ref g, (nuint)(j * Width));
                }
                else
                {
                    for (int j = 0; j < d; j++)
                        (Vector512.LoadUnsafe(ref g, (nuint)(j * Width)) + Vector512.LoadUnsafe(ref column, (nuint)(j * Width)) * coefficient).StoreUnsafe(ref g, (nuint)(j * Width));
                }
            }
            ref double point = ref Unsafe.Add(ref x, f);
            for (int j = 0; j < d; j++)
                largest = Update(largest, ref point, j * plane, Vector512.LoadUnsafe(ref point, (nuint)(j * plane)), Vector512.LoadUnsafe(ref g, (nuint)(j * Width)), eta, mean, loss);
        }
        return MagnitudeBound.Exceeded(largest, bound);
    }

    /// <summary>x ← x − η·gradient(sum/B, x) for one coordinate's eight lanes; returns the running <see cref="MagnitudeBound"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Update<TLoss>(Vector512<ulong> largest, ref double point, int offset, Vector512<double> x, Vector512<double> sum,
        Vector512<double> eta, BatchMean mean, TLoss loss) where TLoss : struct, IRowLoss
    {
        var next = x - eta * loss.Gradient(mean.Of(sum), x);
        next.StoreUnsafe(ref point, (nuint)offset);
        return MagnitudeBound.Track(largest, next);
    }
}
