using System.Runtime.CompilerServices;
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

    /// <summary>Builds the kernel for a configuration whose problem is the kink or the smooth function.</summary>
    public ScalarProblemKernel(LocalSgdConfiguration configuration, ulong seed) : base(configuration, 1)
    {
        problem = configuration.Problem is KinkFunction or SmoothFunction
            ? (ScalarProblem)configuration.Problem
            : throw new ArgumentException($"the 1-D kernel runs the kink and the smooth function, not {configuration.Problem.Family}", nameof(configuration));
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
        return problem is KinkFunction kink
            ? Update(x, n, new KinkSlope(kink), kink.Noise, stepSize, bound)
            : Update(x, n, new SmoothSlope((SmoothFunction)problem), problem.Noise, stepSize, bound);
    }

    /// <summary>
    /// The kink's f'(x) = (2μ)·x for x ≥ 0 and μ·x otherwise, the products <see cref="KinkFunction.DerivativeAt"/>
    /// forms; eight lanes at a time it is a select between the two slopes.
    /// </summary>
    private readonly struct KinkSlope(KinkFunction kink) : ILaneGradient
    {
        private readonly Vector512<double> right = Vector512.Create(2 * kink.Curvature), left = Vector512.Create(kink.Curvature);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane) =>
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), right, left) * x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => kink.DerivativeAt(x);
    }

    /// <summary>
    /// The smooth function's f'(x) = x + σ(x) with σ as <see cref="SmoothFunction.Logistic"/>: e = exp(−|x|)
    /// (<see cref="PortableMath.Exp"/>'s clamp and body), σ = (x ≥ 0 ? 1 : e)/(1 + e).
    /// </summary>
    private readonly struct SmoothSlope(SmoothFunction smooth) : ILaneGradient
    {
        private readonly Vector512<double> lowest = Vector512.Create(PortableMath.ExpLowestArgument);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> At(Vector512<double> x, nuint lane)
        {
            var e = PortableMathVector512.ExpOfFinite(Vector512.Max(-Vector512.Abs(x), lowest));
            var numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), Vector512<double>.One, e);
            return x + numerator / (Vector512<double>.One + e);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(double x, int lane) => smooth.DerivativeAt(x);
    }
}
