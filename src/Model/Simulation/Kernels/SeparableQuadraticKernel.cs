using System.Numerics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="SeparableQuadratic"/>: g = a·x·(1 + c·z) + σ·s, x ← x − η·g over all lanes,
/// the operation order of the problem's oracle (so bit-identical to the reference loop).
/// </summary>
public sealed class SeparableQuadraticKernel : BlockedKernel
{
    private readonly SeparableQuadratic problem;
    private readonly CounterBasedRandom additive, multiplicative;
    private double[] curvatureLanes = [], additiveDraws = [], multiplicativeDraws = [];

    /// <summary>Builds the kernel for a configuration whose problem is a separable quadratic.</summary>
    public SeparableQuadraticKernel(LocalSgdConfiguration configuration, ulong seed) : base(configuration, seed)
    {
        problem = (SeparableQuadratic)configuration.Problem;
        additive = new CounterBasedRandom(seed, NoiseStreams.GradientNoise);
        multiplicative = new CounterBasedRandom(seed, NoiseStreams.MultiplicativeNoise);
    }

    /// <inheritdoc/>
    protected override void Step(Span<double> lanes, int firstReplicate, int count, int step, double stepSize)
    {
        int perReplicate = Workers * Dimension, laneCount = lanes.Length;
        EnsureBuffers(laneCount);
        double c = problem.MultiplicativeNoise, sigma = problem.AdditiveNoise;
        for (int r = 0; r < count; r++)
        {
            additive.FillNormalsForWorkers(firstReplicate + r, 0, Workers, step, Dimension, additiveDraws.AsSpan(r * perReplicate, perReplicate));
            if (c != 0)
                multiplicative.FillNormalsForWorkers(firstReplicate + r, 0, Workers, step, Dimension, multiplicativeDraws.AsSpan(r * perReplicate, perReplicate));
        }
        int width = Vector<double>.Count, j = 0;
        var eta = new Vector<double>(stepSize);
        var vc = new Vector<double>(c);
        var vsigma = new Vector<double>(sigma);
        if (c != 0)
        {
            for (; j <= laneCount - width; j += width)
            {
                var x = new Vector<double>(lanes.Slice(j, width));
                var a = new Vector<double>(curvatureLanes, j);
                var g = a * x * (Vector<double>.One + vc * new Vector<double>(multiplicativeDraws, j)) + vsigma * new Vector<double>(additiveDraws, j);
                (x - eta * g).CopyTo(lanes.Slice(j, width));
            }
            for (; j < laneCount; j++)
            {
                double g = curvatureLanes[j] * lanes[j] * (1.0 + c * multiplicativeDraws[j]) + sigma * additiveDraws[j];
                lanes[j] = lanes[j] - stepSize * g;
            }
        }
        else
        {
            for (; j <= laneCount - width; j += width)
            {
                var x = new Vector<double>(lanes.Slice(j, width));
                var g = new Vector<double>(curvatureLanes, j) * x + vsigma * new Vector<double>(additiveDraws, j);
                (x - eta * g).CopyTo(lanes.Slice(j, width));
            }
            for (; j < laneCount; j++)
            {
                double g = curvatureLanes[j] * lanes[j] + sigma * additiveDraws[j];
                lanes[j] = lanes[j] - stepSize * g;
            }
        }
    }

    private void EnsureBuffers(int laneCount)
    {
        if (curvatureLanes.Length >= laneCount) return;
        curvatureLanes = new double[laneCount];
        additiveDraws = new double[laneCount];
        multiplicativeDraws = new double[laneCount];
        for (int j = 0; j < laneCount; j++) curvatureLanes[j] = problem.Curvatures[j % Dimension];
    }
}
