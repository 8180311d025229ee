using System.Numerics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for the 1-D problems (<see cref="KinkFunction"/>, <see cref="SmoothFunction"/>): g = f'(x) + σ·n,
/// x ← x − η·g, vectorized across replicates and workers. The kink's f' (2μx right of 0, μx left) is a
/// vector select; the smooth function's f' needs exp, whose vector form would not match Math.Exp bit for bit,
/// so it is evaluated per lane by the problem itself.
/// </summary>
public sealed class ScalarProblemKernel : BlockedKernel
{
    private readonly ScalarProblem problem;
    private readonly CounterBasedRandom additive;
    private double[] draws = [];

    /// <summary>Builds the kernel for a configuration whose problem is one-dimensional with additive noise.</summary>
    public ScalarProblemKernel(LocalSgdConfiguration configuration, ulong seed) : base(configuration, seed)
    {
        problem = (ScalarProblem)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
    }

    /// <inheritdoc/>
    protected override void Step(Span<double> lanes, int firstReplicate, int count, int step, double stepSize)
    {
        int laneCount = lanes.Length;
        if (draws.Length < laneCount) draws = new double[laneCount];
        for (int r = 0; r < count; r++)
            additive.FillNormalsForWorkers(firstReplicate + r, 0, Workers, step, 1, draws.AsSpan(r * Workers, Workers));
        double sigma = problem.Noise;
        int j = 0;
        if (problem is KinkFunction kink)
        {
            int width = Vector<double>.Count;
            var right = new Vector<double>(2 * kink.Curvature);
            var left = new Vector<double>(kink.Curvature);
            var eta = new Vector<double>(stepSize);
            var vsigma = new Vector<double>(sigma);
            for (; j <= laneCount - width; j += width)
            {
                var x = new Vector<double>(lanes.Slice(j, width));
                var slope = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<double>.Zero), right, left);
                var g = slope * x + vsigma * new Vector<double>(draws, j);
                (x - eta * g).CopyTo(lanes.Slice(j, width));
            }
        }
        for (; j < laneCount; j++)
        {
            double g = problem.DerivativeAt(lanes[j]) + sigma * draws[j];
            lanes[j] = lanes[j] - stepSize * g;
        }
    }
}
