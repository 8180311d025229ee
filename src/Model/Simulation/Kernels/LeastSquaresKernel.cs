using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="LeastSquares"/> (full rank or rank-deficient): each worker draws B rows uniformly with
/// replacement and takes g = (1/B) Σ_m a_m(a_mᵀx − b_m), the oracle's residual a_mᵀx − b_m as the row's coefficient
/// (<see cref="SampledRowsKernel"/>). With partitioned data worker i samples only from its own block of rows.
/// </summary>
public sealed class LeastSquaresKernel : SampledRowsKernel
{
    /// <summary>Builds the kernel for a configuration whose problem is least squares.</summary>
    public LeastSquaresKernel(LocalSgdConfiguration configuration, ulong seed) : this(configuration, seed, Rows((LeastSquares)configuration.Problem))
    {
    }

    /// <summary>Builds the kernel on rows already copied by <see cref="Rows"/> (the simulator shares one copy between its threads).</summary>
    internal LeastSquaresKernel(LocalSgdConfiguration configuration, ulong seed, SampledRows rows)
        : base(configuration, seed, rows, ((LeastSquares)configuration.Problem).BatchSize, ((LeastSquares)configuration.Problem).Partitions)
    {
    }

    /// <summary>The design's rows a_i with their targets b_i as the extra value.</summary>
    internal static SampledRows Rows(LeastSquares problem) => new(problem.Rows, problem.Columns, problem.Row, i => problem.Targets[i]);

    /// <inheritdoc/>
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound) => Step(lanes, step, stepSize, bound, new Residual());

    /// <summary>The residual aᵀx − b, and the gradient is the batch mean itself.</summary>
    private readonly struct Residual : IRowLoss
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Coefficient(Vector512<double> dot, Vector512<double> target) => dot - target;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Gradient(Vector512<double> batchMean, Vector512<double> x) => batchMean;
    }
}
