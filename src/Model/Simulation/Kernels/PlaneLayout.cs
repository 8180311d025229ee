using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Lanes ordered coordinate, worker, replicate: lane (k·N + i)·C + r, with the block's R replicates padded to
/// C = <see cref="Columns"/>, a multiple of eight, so one vector holds coordinate k of worker i in eight replicates and
/// every lane of it follows its own replicate. The padding columns r ≥ R repeat replicate R − 1 (the kernels draw
/// their randomness at its address), so they hold its bits and can never diverge alone. x̄ is formed eight replicates
/// at a time, summing worker rows in order from 0 and dividing by N (a group's rows and g for a group average), the
/// reference loop's order in every lane.
/// </summary>
internal sealed class PlaneLayout(int workers, int dimension) : LaneLayout(workers, dimension)
{
    private const int Width = 8;
    private double[] columnMeans = [];

    /// <summary>C: R rounded up to a multiple of eight.</summary>
    public static int Columns(int replicates) => (replicates + Width - 1) / Width * Width;

    /// <inheritdoc/>
    public override int LaneCount(int replicates) => Dimension * Workers * Columns(replicates);

    /// <inheritdoc/>
    public override void Fill(Span<double> lanes, int replicates, IReadOnlyList<double> point)
    {
        int columns = Columns(replicates);
        for (int k = 0; k < Dimension; k++) lanes.Slice(k * Workers * columns, Workers * columns).Fill(point[k]);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AverageAll(ReadOnlySpan<double> lanes, int replicates, Span<double> means)
    {
        int columns = Columns(replicates), n = Workers, d = Dimension;
        if (columnMeans.Length < d * columns) columnMeans = new double[d * columns];
        ref double source = ref MemoryMarshal.GetReference(lanes);
        ref double target = ref MemoryMarshal.GetArrayDataReference(columnMeans);
        var divisor = Vector512.Create((double)n);
        for (int k = 0; k < d; k++)
        {
            int plane = k * n * columns;
            for (int r = 0; r < columns; r += Width)
            {
                var sum = Vector512<double>.Zero;
                for (int i = 0; i < n; i++) sum += Vector512.LoadUnsafe(ref source, (nuint)(plane + i * columns + r));
                (sum / divisor).StoreUnsafe(ref target, (nuint)(k * columns + r));
            }
        }
        for (int r = 0; r < replicates; r++)
            for (int k = 0; k < d; k++) means[r * d + k] = columnMeans[k * columns + r];
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Average(ReadOnlySpan<double> lanes, int replicates, int replicate, Span<double> mean)
    {
        int columns = Columns(replicates);
        for (int k = 0; k < Dimension; k++)
        {
            double sum = 0;
            for (int i = 0; i < Workers; i++) sum += lanes[(k * Workers + i) * columns + replicate];
            mean[k] = sum / Workers;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AssignAll(Span<double> lanes, int replicates, ReadOnlySpan<double> means)
    {
        int columns = Columns(replicates), d = Dimension;
        if (columnMeans.Length < d * columns) columnMeans = new double[d * columns];
        for (int r = 0; r < columns; r++)
        {
            int source = Math.Min(r, replicates - 1);
            for (int k = 0; k < d; k++) columnMeans[k * columns + r] = means[source * d + k];
        }
        for (int k = 0; k < d; k++)
            for (int i = 0; i < Workers; i++)
                columnMeans.AsSpan(k * columns, columns).CopyTo(lanes.Slice((k * Workers + i) * columns, columns));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Assign(Span<double> lanes, int replicates, int replicate, ReadOnlySpan<double> mean)
    {
        int columns = Columns(replicates);
        // The last replicate's padding copies follow it.
        int last = replicate == replicates - 1 ? columns - 1 : replicate;
        for (int k = 0; k < Dimension; k++)
            for (int i = 0; i < Workers; i++)
                lanes.Slice((k * Workers + i) * columns + replicate, last - replicate + 1).Fill(mean[k]);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool AverageWithinGroups(Span<double> lanes, int replicates, int groupSize, double bound)
    {
        int columns = Columns(replicates), n = Workers;
        ref double source = ref MemoryMarshal.GetReference(lanes);
        var divisor = Vector512.Create((double)groupSize);
        var largest = Vector512<ulong>.Zero;
        // Padding columns repeat replicate R − 1's lanes, so they get its group means too.
        for (int k = 0; k < Dimension; k++)
            for (int first = 0; first < n; first += groupSize)
            {
                int rows = (k * n + first) * columns;
                for (int r = 0; r < columns; r += Width)
                {
                    var sum = Vector512<double>.Zero;
                    for (int i = 0; i < groupSize; i++) sum += Vector512.LoadUnsafe(ref source, (nuint)(rows + i * columns + r));
                    var mean = sum / divisor;
                    for (int i = 0; i < groupSize; i++) mean.StoreUnsafe(ref source, (nuint)(rows + i * columns + r));
                    largest = MagnitudeBound.Track(largest, mean);
                }
            }
        return MagnitudeBound.Exceeded(largest, bound);
    }

    /// <inheritdoc/>
    public override (int Replicate, int Worker) Owner(int lane, int replicates)
    {
        int columns = Columns(replicates);
        return (Math.Min(lane % columns, replicates - 1), lane / columns % Workers);
    }
}
