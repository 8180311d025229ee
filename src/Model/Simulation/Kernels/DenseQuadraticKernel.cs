using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="DenseQuadratic"/>: g = A(x − x*) + σξ, x ← x − η·g for every worker row. The oracle
/// forms each g_i as (0 + A_i0·δ_0) + A_i1·δ_1 + … in j order (δ = x − x*, separate multiply and add) and then adds
/// σξ_i; here the same sums run for eight outputs i at once, reading A's column j, which equals row j because A is
/// built exactly symmetric, so every lane repeats the oracle's operations in its order. Two worker rows share each
/// pass over A, which halves the traffic from L2 (A is 80 KB at d = 100). Rows are padded to a multiple of eight
/// lanes; the padding's column of A, noise and gradient are 0.
/// </summary>
public sealed class DenseQuadraticKernel : BlockedKernel
{
    private const int Width = 8;
    private readonly DenseQuadratic problem;
    private readonly CounterBasedRandom additive;
    private readonly double[] columns;      // columns[j·D + i] = A[i, j] for i < d, 0 on padding
    private readonly double[] optimum;
    private readonly double[] firstDifference, secondDifference, firstGradient, secondGradient;
    private LaneNoise? noise;
    private double[] draws = [];

    /// <summary>Builds the kernel for a configuration whose problem is a dense quadratic; needs AVX-512 (see <see cref="IsSupported"/>).</summary>
    public DenseQuadraticKernel(LocalSgdConfiguration configuration, ulong seed)
        : base(configuration, RowWidth(configuration.Problem.Dimension))
    {
        problem = (DenseQuadratic)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
        int d = Dimension, width = LanesPerWorker;
        var hessian = problem.HessianMatrix();
        columns = new double[d * width];
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++) columns[j * width + i] = hessian[i, j];
        optimum = problem.Optimum!.ToArray();
        firstDifference = new double[d];
        secondDifference = new double[d];
        firstGradient = new double[width];
        secondGradient = new double[width];
    }

    /// <summary>True where the kernel's vector path runs natively (AVX-512); elsewhere the reference loop is used.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>d rounded up to a multiple of eight.</summary>
    public static int RowWidth(int dimension) => (dimension + Width - 1) / Width * Width;

    /// <inheritdoc/>
    protected override void PrepareBlock(int firstReplicate, int count)
    {
        noise = new LaneNoise(firstReplicate, count, Workers, LanesPerWorker);
        if (draws.Length < noise.Length) draws = new double[noise.Length];
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound)
    {
        int laneCount = noise!.Length, width = LanesPerWorker, d = Dimension;
        Span<double> n = draws.AsSpan(0, laneCount);
        noise.Fill(additive, step, n);
        ClearPadding(n);
        int rows = laneCount / width;
        double sigma = problem.Noise;
        bool outOfBounds = false;
        int row = 0;
        for (; row + 1 < rows; row += 2)
        {
            Span<double> first = lanes.Slice(row * width, width), second = lanes.Slice((row + 1) * width, width);
            for (int j = 0; j < d; j++)
            {
                firstDifference[j] = first[j] - optimum[j];
                secondDifference[j] = second[j] - optimum[j];
            }
            MultiplyPair(firstDifference, secondDifference, firstGradient, secondGradient);
            outOfBounds |= Update(first, n.Slice(row * width, width), new Formed(firstGradient), sigma, stepSize, bound);
            outOfBounds |= Update(second, n.Slice((row + 1) * width, width), new Formed(secondGradient), sigma, stepSize, bound);
        }
        if (row < rows)
        {
            Span<double> last = lanes.Slice(row * width, width);
            for (int j = 0; j < d; j++) firstDifference[j] = last[j] - optimum[j];
            MultiplyPair(firstDifference, firstDifference, firstGradient, secondGradient);
            outOfBounds |= Update(last, n.Slice(row * width, width), new Formed(firstGradient), sigma, stepSize, bound);
        }
        return outOfBounds;
    }

    /// <summary>
    /// first = A·δ₁ and second = A·δ₂, each output summed from 0 in j order with separate multiply and add. Outputs
    /// go 32 at a time (four vectors) with the sums of both rows in registers: eight independent chains of adds,
    /// enough to cover the add latency; the last vectors of a row go one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MultiplyPair(ReadOnlySpan<double> firstDelta, ReadOnlySpan<double> secondDelta, Span<double> first, Span<double> second)
    {
        int width = LanesPerWorker, d = Dimension, i = 0;
        ref double column = ref MemoryMarshal.GetArrayDataReference(columns);
        ref double deltaOne = ref MemoryMarshal.GetReference(firstDelta);
        ref double deltaTwo = ref MemoryMarshal.GetReference(secondDelta);
        ref double one = ref MemoryMarshal.GetReference(first);
        ref double two = ref MemoryMarshal.GetReference(second);
        for (; i + 4 * Width <= width; i += 4 * Width)
        {
            Vector512<double> one0 = Vector512<double>.Zero, one1 = one0, one2 = one0, one3 = one0;
            Vector512<double> two0 = one0, two1 = one0, two2 = one0, two3 = one0;
            for (int j = 0; j < d; j++)
            {
                var scaleOne = Vector512.Create(Unsafe.Add(ref deltaOne, j));
                var scaleTwo = Vector512.Create(Unsafe.Add(ref deltaTwo, j));
                nuint offset = (nuint)(j * width + i);
                var entry0 = Vector512.LoadUnsafe(ref column, offset);
                var entry1 = Vector512.LoadUnsafe(ref column, offset + Width);
                var entry2 = Vector512.LoadUnsafe(ref column, offset + 2 * Width);
                var entry3 = Vector512.LoadUnsafe(ref column, offset + 3 * Width);
                one0 += entry0 * scaleOne; one1 += entry1 * scaleOne; one2 += entry2 * scaleOne; one3 += entry3 * scaleOne;
                two0 += entry0 * scaleTwo; two1 += entry1 * scaleTwo; two2 += entry2 * scaleTwo; two3 += entry3 * scaleTwo;
            }
            one0.StoreUnsafe(ref one, (nuint)i); one1.StoreUnsafe(ref one, (nuint)(i + Width));
            one2.StoreUnsafe(ref one, (nuint)(i + 2 * Width)); one3.StoreUnsafe(ref one, (nuint)(i + 3 * Width));
            two0.StoreUnsafe(ref two, (nuint)i); two1.StoreUnsafe(ref two, (nuint)(i + Width));
            two2.StoreUnsafe(ref two, (nuint)(i + 2 * Width)); two3.StoreUnsafe(ref two, (nuint)(i + 3 * Width));
        }
        for (; i < width; i += Width)
        {
            Vector512<double> sumOne = Vector512<double>.Zero, sumTwo = Vector512<double>.Zero;
            for (int j = 0; j < d; j++)
            {
                var entry = Vector512.LoadUnsafe(ref column, (nuint)(j * width + i));
                sumOne += entry * Vector512.Create(Unsafe.Add(ref deltaOne, j));
                sumTwo += entry * Vector512.Create(Unsafe.Add(ref deltaTwo, j));
            }
            sumOne.StoreUnsafe(ref one, (nuint)i);
            sumTwo.StoreUnsafe(ref two, (nuint)i);
        }
    }

    /// <summary>The gradient part A(x − x*) of a row, already formed by <see cref="MultiplyPair"/>.</summary>
    private readonly ref struct Formed(double[] products) : ILaneGradient
    {
        // A reference to the first product, not the array: the vector loop reads it with no per-iteration null check.
        private readonly ref double first = ref MemoryMarshal.GetArrayDataReference(products);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane) => Vector512.LoadUnsafe(ref first, lane);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => Unsafe.Add(ref first, lane);
    }
}
