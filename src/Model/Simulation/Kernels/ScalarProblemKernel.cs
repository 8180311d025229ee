using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for the 1-D problems (<see cref="KinkFunction"/>, <see cref="SmoothFunction"/>): g = f'(x) + σ·n,
/// x ← x − η·g, one lane per (replicate, worker) and the whole block's n of a step from one
/// <see cref="LaneNoise"/> call: a replicate's N workers take one run of N normals (<see cref="ScalarProblemNoise"/>),
/// two workers to a Philox block. The kink's f' (2μx right of 0, μx
/// left) is a vector select; the smooth function's f' = x + σ(x) needs exp, taken from the suite's portable exp
/// (<see cref="PortableMath.Exp"/>, which the problem's oracle also calls), so eight lanes at a time match it bit for bit.
/// </summary>
public sealed class ScalarProblemKernel : BlockedKernel
{
    private readonly ScalarProblem problem;
    private readonly CounterBasedRandom additive;
    private LaneNoise? noise;
    private double[] draws = [];
    private int drawnPerReplicate, laneCount;

    /// <summary>Builds the kernel for a configuration whose problem is one-dimensional with additive noise.</summary>
    public ScalarProblemKernel(LocalSgdConfiguration configuration, ulong seed) : base(configuration, seed, 1)
    {
        problem = (ScalarProblem)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
    }

    /// <inheritdoc/>
    protected override void PrepareBlock(int firstReplicate, int count)
    {
        // LaneNoise draws runs of even length (or a single normal), so an odd N ≥ 3 draws N + 1 normals per replicate
        // and drops the last of each run (the run's first N are the workers' normals either way).
        drawnPerReplicate = Workers == 1 || Workers % 2 == 0 ? Workers : Workers + 1;
        noise = new LaneNoise(firstReplicate, count, 1, drawnPerReplicate);
        laneCount = count * Workers;
        if (draws.Length < noise.Length) draws = new double[noise.Length];
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound)
    {
        Span<double> drawn = draws.AsSpan(0, noise!.Length);
        noise.Fill(additive, step, drawn);
        if (drawnPerReplicate != Workers)
        {
            // Moves each replicate's first N normals down over the dropped ones; CopyTo allows the overlap.
            for (int replicate = 1; replicate < noise.ReplicateCount; replicate++)
                drawn.Slice(replicate * drawnPerReplicate, Workers).CopyTo(drawn[(replicate * Workers)..]);
        }
        Span<double> n = drawn[..laneCount];
        Span<double> x = lanes[..laneCount];
        return problem switch
        {
            KinkFunction kink => UpdateKink(x, n, kink, stepSize, bound),
            SmoothFunction smooth => UpdateSmooth(x, n, smooth, stepSize, bound),
            _ => UpdateAny(x, n, problem, stepSize, bound),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateKink(Span<double> lanes, ReadOnlySpan<double> draws, KinkFunction kink, double eta, double bound)
    {
        double curvature = kink.Curvature, sigma = kink.Noise;
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double n = ref MemoryMarshal.GetReference(draws);
        int count = lanes.Length, j = 0;
        bool outOfBounds = false;
        if (Vector512.IsHardwareAccelerated)
        {
            // f'(x) = (2μ)·x for x ≥ 0, μ·x otherwise: the products the problem's DerivativeAt forms.
            var right = Vector512.Create(2 * curvature); var left = Vector512.Create(curvature);
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma); var vBound = Vector512.Create(bound);
            var bad = Vector512<double>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var slope = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(xj, Vector512<double>.Zero), right, left);
                var next = xj - vEta * (slope * xj + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j));
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector512<double>.Zero;
        }
        // The last lanes (fewer than eight) through the problem's own f'.
        return UpdateAny(lanes[j..], draws[j..], kink, eta, bound) | outOfBounds;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateSmooth(Span<double> lanes, ReadOnlySpan<double> draws, SmoothFunction smooth, double eta, double bound)
    {
        double sigma = smooth.Noise;
        ref double x = ref MemoryMarshal.GetReference(lanes);
        ref double n = ref MemoryMarshal.GetReference(draws);
        int count = lanes.Length, j = 0;
        bool outOfBounds = false;
        if (Vector512.IsHardwareAccelerated)
        {
            // f'(x) = x + σ(x) with σ as SmoothFunction.Logistic: e = exp(−|x|) (PortableMath.Exp's clamp and body),
            // σ = (x ≥ 0 ? 1 : e)/(1 + e); then the reference loop's x − η(f'(x) + σ·n).
            var vEta = Vector512.Create(eta); var vSigma = Vector512.Create(sigma); var vBound = Vector512.Create(bound);
            var lowest = Vector512.Create(PortableMath.ExpLowestArgument);
            var bad = Vector512<double>.Zero;
            for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                var e = PortableMathVector512.ExpOfFinite(Vector512.Max(-Vector512.Abs(xj), lowest));
                var numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(xj, Vector512<double>.Zero), Vector512<double>.One, e);
                var derivative = xj + numerator / (Vector512<double>.One + e);
                var next = xj - vEta * (derivative + vSigma * Vector512.LoadUnsafe(ref n, (nuint)j));
                next.StoreUnsafe(ref x, (nuint)j);
                bad |= OutOfBounds(next, vBound);
            }
            outOfBounds = bad != Vector512<double>.Zero;
        }
        // The last lanes (fewer than eight) through the problem's own f'.
        return UpdateAny(lanes[j..], draws[j..], smooth, eta, bound) | outOfBounds;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateAny(Span<double> lanes, ReadOnlySpan<double> draws, ScalarProblem problem, double eta, double bound)
    {
        double sigma = problem.Noise;
        bool outOfBounds = false;
        for (int j = 0; j < lanes.Length; j++)
        {
            lanes[j] = lanes[j] - eta * (problem.DerivativeAt(lanes[j]) + sigma * draws[j]);
            outOfBounds |= OutOfBounds(lanes[j], bound);
        }
        return outOfBounds;
    }
}
