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
        : base(configuration, RowLayout.NoiseWidth(configuration.Problem.Dimension))
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
            return Update(lanes[..laneCount], s, new NoisyCurvature(curvatureLanes, multiplicativeDraws, c), sigma, stepSize, bound);
        }
        return Update(lanes[..laneCount], s, new Curvature(curvatureLanes), sigma, stepSize, bound);
    }

    // The gradients hold references to the first lane of their arrays, not the arrays: the vector loop then reads
    // them with no per-iteration null check.

    /// <summary>a·x at every lane: the gradient without multiplicative noise.</summary>
    private readonly ref struct Curvature(double[] curvatures) : ILaneGradient
    {
        private readonly ref double a = ref MemoryMarshal.GetArrayDataReference(curvatures);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane) => Vector512.LoadUnsafe(ref a, lane) * x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => Unsafe.Add(ref a, lane) * x;
    }

    /// <summary>a·x·(1 + c·z) at every lane, z the lane's multiplicative draw.</summary>
    private readonly ref struct NoisyCurvature(double[] curvatures, double[] draws, double c) : ILaneGradient
    {
        private readonly ref double a = ref MemoryMarshal.GetArrayDataReference(curvatures);
        private readonly ref double z = ref MemoryMarshal.GetArrayDataReference(draws);
        private readonly double scale = c;
        private readonly Vector512<double> scales = Vector512.Create(c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane) =>
            Vector512.LoadUnsafe(ref a, lane) * x * (Vector512<double>.One + scales * Vector512.LoadUnsafe(ref z, lane));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => Unsafe.Add(ref a, lane) * x * (1.0 + scale * Unsafe.Add(ref z, lane));
    }
}
