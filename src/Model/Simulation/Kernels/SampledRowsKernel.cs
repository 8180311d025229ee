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
/// sum from 0 in m order, the division by B, the problem's term, the update; no fused multiply-add. Needs AVX-512
/// (<see cref="PlaneRandom.IsSupported"/>).
/// </summary>
public abstract class SampledRowsKernel : BlockedKernel
{
    private const int Width = 8;
    private readonly CounterBasedRandom sampling;
    private readonly SampledRows rows;
    private readonly int batch;
    private readonly BatchMean batchMean;
    private readonly double[] columns, gradient;
    private PlaneRandom? random;
    private int[][] sampled = [];
    private int replicateColumns;

    /// <summary>Prepares the kernel for the <paramref name="rows"/> of the configuration's problem and batches of <paramref name="batch"/> rows.</summary>
    private protected SampledRowsKernel(LocalSgdConfiguration configuration, ulong seed, SampledRows rows, int batch)
        : base(configuration, new PlaneLayout(configuration.Workers, configuration.Problem.Dimension))
    {
        sampling = new CounterBasedRandom(seed, NoiseStreams.RowSampling);
        this.rows = rows;
        this.batch = batch;
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
        int d = Dimension, plane = Workers * replicateColumns;
        for (int m = 0; m < batch; m += 2)
            draws.UniformIntegers(sampling, step, (uint)(m / 2), rows.Count, sampled[m], m + 1 < batch ? sampled[m + 1] : default);

        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double column = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double g = ref MemoryMarshal.GetArrayDataReference(gradient);
        var eta = Vector512.Create(stepSize);
        var limit = Vector512.Create(bound);
        var bad = Vector512<double>.Zero;
        for (int f = 0; f < plane; f += Width)
        {
            for (int m = 0; m < batch; m++)
            {
                rows.Columns(sampled[m].AsSpan(f, Width), columns);
                var dot = Vector512<double>.Zero;
                for (int j = 0; j < d; j++)
                    dot += Vector512.LoadUnsafe(ref column, (nuint)(j * Width)) * Vector512.LoadUnsafe(ref x, (nuint)(j * plane + f));
                var coefficient = loss.Coefficient(dot, Vector512.LoadUnsafe(ref column, (nuint)(d * Width)));
                for (int j = 0; j < d; j++)
                {
                    var sum = m == 0 ? Vector512<double>.Zero : Vector512.LoadUnsafe(ref g, (nuint)(j * Width));
                    (sum + Vector512.LoadUnsafe(ref column, (nuint)(j * Width)) * coefficient).StoreUnsafe(ref g, (nuint)(j * Width));
                }
            }
            for (int j = 0; j < d; j++)
            {
                nuint lane = (nuint)(j * plane + f);
                var point = Vector512.LoadUnsafe(ref x, lane);
                var next = point - eta * loss.Gradient(batchMean.Of(Vector512.LoadUnsafe(ref g, (nuint)(j * Width))), point);
                next.StoreUnsafe(ref x, lane);
                bad |= OutOfBounds(next, limit);
            }
        }
        return bad != Vector512<double>.Zero;
    }
}
