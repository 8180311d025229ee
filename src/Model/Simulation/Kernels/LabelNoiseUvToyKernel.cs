using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="LabelNoiseUvToy"/>: with ε̄ = (s/√B_loc)·n and n the worker's normal 0 of its address
/// (the oracle's draw), r = uv − 1 − ε̄, g = (r·v, r·u) and (u, v) ← (u − η·r·v, v − η·r·u), both from the old point.
/// The lanes are planes (<see cref="PlaneLayout"/>: one vector of u and one of v per eight replicates of a worker), so
/// the step is plain vertical arithmetic, and the block's normals come from one call per step
/// (<see cref="PlaneRandom.EvenNormals"/>). Every lane repeats the oracle's operations in its order. Needs AVX-512
/// (<see cref="IsSupported"/>).
/// </summary>
public sealed class LabelNoiseUvToyKernel : BlockedKernel
{
    private const int Width = 8;
    private readonly LabelNoiseUvToy problem;
    private readonly CounterBasedRandom additive;
    private PlaneRandom? random;
    private double[] normals = [];
    private int replicateColumns;

    /// <summary>Builds the kernel for a configuration whose problem is the uv toy.</summary>
    public LabelNoiseUvToyKernel(LocalSgdConfiguration configuration, ulong seed)
        : base(configuration, new PlaneLayout(configuration.Workers, configuration.Problem.Dimension))
    {
        problem = (LabelNoiseUvToy)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
    }

    /// <summary>True where the kernel's vector path runs natively (AVX-512); elsewhere the reference loop is used.</summary>
    public static bool IsSupported => PlaneRandom.IsSupported;

    /// <inheritdoc/>
    protected override void PrepareBlock(int firstReplicate, int count)
    {
        random = new PlaneRandom(firstReplicate, count, Workers);
        replicateColumns = PlaneLayout.Columns(count);
        if (normals.Length < random.PaddedLength) normals = new double[random.PaddedLength];
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound)
    {
        random!.EvenNormals(additive.Key, step, 0, normals);
        int plane = Workers * replicateColumns;
        ref double u = ref MemoryMarshal.GetReference(lanes);
        ref double v = ref Unsafe.Add(ref u, plane);
        ref double n = ref MemoryMarshal.GetArrayDataReference(normals);
        var eta = Vector512.Create(stepSize);
        var scale = Vector512.Create(problem.MeanNoiseScale);
        var largest = Vector512<ulong>.Zero;
        for (int f = 0; f < plane; f += Width)
        {
            var first = Vector512.LoadUnsafe(ref u, (nuint)f);
            var second = Vector512.LoadUnsafe(ref v, (nuint)f);
            var residual = first * second - Vector512<double>.One - scale * Vector512.LoadUnsafe(ref n, (nuint)f);
            var nextFirst = first - eta * (residual * second);
            var nextSecond = second - eta * (residual * first);
            nextFirst.StoreUnsafe(ref u, (nuint)f);
            nextSecond.StoreUnsafe(ref v, (nuint)f);
            largest = MagnitudeBound.Track(MagnitudeBound.Track(largest, nextFirst), nextSecond);
        }
        return MagnitudeBound.Exceeded(largest, bound);
    }
}
