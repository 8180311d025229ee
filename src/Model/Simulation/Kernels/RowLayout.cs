using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Lanes ordered replicate, worker, coordinate, each worker's row padded to <see cref="Width"/> ≥ d lanes: lane
/// (r·N + i)·width + k. Padding lanes start at 0 and the kernels keep their gradient exactly 0, so they stay 0.
/// </summary>
internal sealed class RowLayout : LaneLayout
{
    private readonly double[] scratch;

    /// <summary>Rows of <paramref name="width"/> ≥ d lanes.</summary>
    public RowLayout(int workers, int dimension, int width) : base(workers, dimension)
    {
        if (width < dimension) throw new ArgumentOutOfRangeException(nameof(width), width, "a worker's row needs at least d lanes");
        Width = width;
        scratch = new double[width];
    }

    /// <summary>
    /// The row width for Gaussian noise drawn a Philox block at a time: d for d = 1 (the noise fill then uses only each
    /// block's even normal) and for even d; d + 1 for odd d &gt; 1, so every block's two normals land in neighbouring
    /// lanes of one row (the extra lane is padding).
    /// </summary>
    public static int NoiseWidth(int dimension) => dimension == 1 ? 1 : dimension + (dimension & 1);

    /// <summary>Lanes per worker row.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override int LaneCount(int replicates) => replicates * Workers * Width;

    /// <inheritdoc/>
    public override void Fill(Span<double> lanes, int replicates, IReadOnlyList<double> point)
    {
        lanes.Clear();
        for (int row = 0; row < replicates * Workers; row++)
            for (int k = 0; k < Dimension; k++) lanes[row * Width + k] = point[k];
    }

    /// <inheritdoc/>
    public override void AverageAll(ReadOnlySpan<double> lanes, int replicates, Span<double> means)
    {
        for (int r = 0; r < replicates; r++) Average(lanes, replicates, r, means.Slice(r * Dimension, Dimension));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Average(ReadOnlySpan<double> lanes, int replicates, int replicate, Span<double> mean)
    {
        int perReplicate = Workers * Width;
        AverageWorkers(lanes.Slice(replicate * perReplicate, perReplicate), Workers, scratch);
        scratch.AsSpan(0, Dimension).CopyTo(mean);
    }

    /// <inheritdoc/>
    public override void AssignAll(Span<double> lanes, int replicates, ReadOnlySpan<double> means)
    {
        for (int r = 0; r < replicates; r++) Assign(lanes, replicates, r, means.Slice(r * Dimension, Dimension));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Assign(Span<double> lanes, int replicates, int replicate, ReadOnlySpan<double> mean)
    {
        int first = replicate * Workers;
        for (int i = 0; i < Workers; i++) mean[..Dimension].CopyTo(lanes.Slice((first + i) * Width, Dimension));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool AverageWithinGroups(Span<double> lanes, int replicates, int groupSize, double bound)
    {
        int groupLanes = groupSize * Width;
        bool outOfBounds = false;
        for (int first = 0; first < replicates * Workers * Width; first += groupLanes)
        {
            Span<double> group = lanes.Slice(first, groupLanes);
            AverageWorkers(group, groupSize, scratch);
            for (int k = 0; k < Dimension; k++) outOfBounds |= !(Math.Abs(scratch[k]) <= bound);
            // Padding lanes average to 0 and stay 0.
            for (int i = 0; i < groupSize; i++) scratch.CopyTo(group.Slice(i * Width, Width));
        }
        return outOfBounds;
    }

    /// <inheritdoc/>
    public override (int Replicate, int Worker) Owner(int lane, int replicates) =>
        (lane / (Workers * Width), lane % (Workers * Width) / Width);

    /// <summary>
    /// The mean of consecutive rows (a replicate's N, or a group's g): for every lane k, (0 + x_0k + x_1k + … + x_(N−1)k)/N,
    /// the order of <see cref="Algorithm.ReferenceLocalSgd.VirtualAverage"/>; vectorized across k.
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
}
