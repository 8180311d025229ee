using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="HeterogeneousQuadratics"/>: worker i's g = a·(x − x*_i) + σ·ξ, x ← x − η·g over all lanes,
/// the operation order of the problem's oracle (so bit-identical to the reference loop). Worker rows as for the
/// separable quadratic (<see cref="RowLayout.NoiseWidth"/>), the block's ξ of a step from one <see cref="LaneNoise"/>
/// call; each lane reads its coordinate's curvature and its worker's optimum, and padding lanes have a = 0, x* = 0
/// and zero noise, so their gradient is exactly 0.
/// </summary>
public sealed class HeterogeneousQuadraticsKernel : BlockedKernel
{
    private readonly HeterogeneousQuadratics problem;
    private readonly CounterBasedRandom additive;
    private LaneNoise? noise;
    private double[] curvatureLanes = [], optimumLanes = [], draws = [];

    /// <summary>Builds the kernel for a configuration whose problem is heterogeneous quadratics.</summary>
    public HeterogeneousQuadraticsKernel(LocalSgdConfiguration configuration, ulong seed)
        : base(configuration, RowLayout.NoiseWidth(configuration.Problem.Dimension))
    {
        problem = (HeterogeneousQuadratics)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
    }

    /// <inheritdoc/>
    protected override void PrepareBlock(int firstReplicate, int count)
    {
        noise = new LaneNoise(firstReplicate, count, Workers, LanesPerWorker);
        int laneCount = noise.Length, width = LanesPerWorker;
        if (draws.Length < laneCount)
        {
            draws = new double[laneCount];
            curvatureLanes = new double[laneCount];
            optimumLanes = new double[laneCount];
        }
        for (int j = 0; j < laneCount; j++)
        {
            int k = j % width, worker = j / width % Workers;
            curvatureLanes[j] = k < Dimension ? problem.Curvatures[k] : 0;
            optimumLanes[j] = k < Dimension ? problem.WorkerOptimum(worker)[k] : 0;
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound)
    {
        int laneCount = noise!.Length;
        Span<double> xi = draws.AsSpan(0, laneCount);
        noise.Fill(additive, step, xi);
        ClearPadding(xi);
        return Update(lanes[..laneCount], xi, new Pull(curvatureLanes, optimumLanes), problem.Noise, stepSize, bound);
    }

    /// <summary>a·(x − x*_i) at every lane, the curvature and optimum of the lane's coordinate and worker.</summary>
    private readonly ref struct Pull(double[] curvatures, double[] optima) : ILaneGradient
    {
        private readonly ref double a = ref MemoryMarshal.GetArrayDataReference(curvatures);
        private readonly ref double target = ref MemoryMarshal.GetArrayDataReference(optima);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane) => Vector512.LoadUnsafe(ref a, lane) * (x - Vector512.LoadUnsafe(ref target, lane));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => Unsafe.Add(ref a, lane) * (x - Unsafe.Add(ref target, lane));
    }
}
