using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="SeparableQuadratic"/>: g = a·x·(1 + c·z) + σ·s (g = a·x + σ·s when c = 0),
/// x ← x − η·g over all lanes, the operation order of the problem's oracle (so bit-identical to the reference
/// loop). The block's s (and z) of a step come from one <see cref="LaneNoise"/> call each; padding lanes have a = 0
/// and zero noise, so their gradient is exactly 0.
/// </summary>
public sealed class SeparableQuadraticKernel : BlockedKernel
{
    private readonly SeparableQuadratic problem;
    private readonly CounterBasedRandom additive, multiplicative;
    private LaneNoise? noise;
    private double[] curvatureLanes = [], additiveDraws = [], multiplicativeDraws = [];

    /// <summary>Builds the kernel for a configuration whose problem is a separable quadratic.</summary>
    public SeparableQuadraticKernel(LocalSgdConfiguration configuration, ulong seed)
        : base(configuration, seed, LaneLayout.RowWidth(configuration.Problem.Dimension))
    {
        problem = (SeparableQuadratic)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
        multiplicative = new CounterBasedRandom(seed, NoiseStreams.MultiplicativeNoise);
    }

    /// <inheritdoc/>
    protected override void PrepareBlock(int firstReplicate, int count)
    {
        noise = new LaneNoise(firstReplicate, count, Workers, LanesPerWorker);
        int laneCount = noise.Length;
        if (additiveDraws.Length < laneCount)
        {
            additiveDraws = new double[laneCount];
            multiplicativeDraws = new double[laneCount];
            curvatureLanes = new double[laneCount];
        }
        for (int j = 0; j < laneCount; j++)
        {
            int k = j % LanesPerWorker;
            curvatureLanes[j] = k < Dimension ? problem.Curvatures[k] : 0;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound)
    {
        var layout = noise!;
        int laneCount = layout.Length;
        double c = problem.MultiplicativeNoise, sigma = problem.AdditiveNoise;
        Span<double> s = additiveDraws.AsSpan(0, laneCount), z = multiplicativeDraws.AsSpan(0, laneCount);
        layout.Fill(additive, step, s);
        ClearPadding(s);
        if (c != 0)
        {
            layout.Fill(multiplicative, step, z);
            return UpdateMultiplicative(lanes[..laneCount], curvatureLanes.AsSpan(0, laneCount), s, z, c, sigma, stepSize, bound);
        }
        return UpdateAdditive(lanes[..laneCount], curvatureLanes.AsSpan(0, laneCount), s, sigma, stepSize, bound);
    }

    private void ClearPadding(Span<double> draws)
    {
        if (LanesPerWorker == Dimension) return;
        for (int j = Dimension; j < draws.Length; j += LanesPerWorker) draws[j] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateAdditive(Span<double> lanes, ReadOnlySpan<double> curvature, ReadOnlySpan<double> s, double sigma, double eta, double bound)
    {
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double a = ref MemoryMarshal.GetReference(curvature);
        ref double n = ref MemoryMarshal.GetReference(s);
        int count = lanes.Length, j = 0;
        bool outOfBounds = false;
        if (Vector512.IsHardwareAccelerated)
        {
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma); var vBound = Vector512.Create(bound);
            var bad = Vector512<double>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var g = Vector512.LoadUnsafe(ref a, (nuint)j) * xj + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j);
                var next = xj - vEta * g;
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector512<double>.Zero;
        }
        else
        {
            var vEta = new Vector<double>(eta); var vSigma = new Vector<double>(sigma); var vBound = new Vector<double>(bound);
            var bad = Vector<double>.Zero;
            for (; j <= count - Vector<double>.Count; j += Vector<double>.Count)
            {
                var xj = Vector.LoadUnsafe(ref x, (nuint)j);
                var g = Vector.LoadUnsafe(ref a, (nuint)j) * xj + vSigma * Vector.LoadUnsafe(ref n, (nuint)j);
                var next = xj - vEta * g;
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector<double>.Zero;
        }
        for (; j < count; j++)
        {
            double g = curvature[j] * lanes[j] + sigma * s[j];
            lanes[j] = lanes[j] - eta * g;
            outOfBounds |= OutOfBounds(lanes[j], bound);
        }
        return outOfBounds;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateMultiplicative(Span<double> lanes, ReadOnlySpan<double> curvature, ReadOnlySpan<double> s, ReadOnlySpan<double> z,
        double c, double sigma, double eta, double bound)
    {
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double a = ref MemoryMarshal.GetReference(curvature);
        ref double n = ref MemoryMarshal.GetReference(s);
        ref double m = ref MemoryMarshal.GetReference(z);
        int count = lanes.Length, j = 0;
        bool outOfBounds = false;
        if (Vector512.IsHardwareAccelerated)
        {
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma); var vC = Vector512.Create(c); var vBound = Vector512.Create(bound);
            var bad = Vector512<double>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var g = Vector512.LoadUnsafe(ref a, (nuint)j) * xj * (Vector512<double>.One + vC * Vector512.LoadUnsafe(ref m, (nuint)j))
                    + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j);
                var next = xj - vEta * g;
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector512<double>.Zero;
        }
        else
        {
            var vEta = new Vector<double>(eta); var vSigma = new Vector<double>(sigma); var vC = new Vector<double>(c); var vBound = new Vector<double>(bound);
            var bad = Vector<double>.Zero;
            for (; j <= count - Vector<double>.Count; j += Vector<double>.Count)
            {
                var xj = Vector.LoadUnsafe(ref x, (nuint)j);
                var g = Vector.LoadUnsafe(ref a, (nuint)j) * xj * (Vector<double>.One + vC * Vector.LoadUnsafe(ref m, (nuint)j))
                    + vSigma * Vector.LoadUnsafe(ref n, (nuint)j);
                var next = xj - vEta * g;
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector<double>.Zero;
        }
        for (; j < count; j++)
        {
            double g = curvature[j] * lanes[j] * (1.0 + c * z[j]) + sigma * s[j];
            lanes[j] = lanes[j] - eta * g;
            outOfBounds |= OutOfBounds(lanes[j], bound);
        }
        return outOfBounds;
    }
}
