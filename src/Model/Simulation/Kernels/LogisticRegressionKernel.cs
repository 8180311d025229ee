using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// Fused step for <see cref="LogisticRegression"/>: each worker draws B examples uniformly with replacement and takes
/// g = (1/B) Σ_m −y_m σ(−y_m a_mᵀx) a_m + λx (<see cref="SampledRowsKernel"/>). σ(z) = (z ≥ 0 ? 1 : e)/(1 + e) with
/// e = exp(−|z|) from the suite's portable exp (<see cref="PortableMath.Exp"/>, which the oracle calls through
/// <see cref="SmoothFunction.Logistic"/> and whose operations the vector code repeats), so every lane has the oracle's bits.
/// </summary>
public sealed class LogisticRegressionKernel : SampledRowsKernel
{
    private readonly double regularization;

    /// <summary>Builds the kernel for a configuration whose problem is logistic regression.</summary>
    public LogisticRegressionKernel(LocalSgdConfiguration configuration, ulong seed)
        : this(configuration, seed, Rows((LogisticRegression)configuration.Problem))
    {
    }

    /// <summary>Builds the kernel on examples already copied by <see cref="Rows"/> (the simulator shares one copy between its threads).</summary>
    internal LogisticRegressionKernel(LocalSgdConfiguration configuration, ulong seed, SampledRows rows)
        : base(configuration, seed, rows, ((LogisticRegression)configuration.Problem).BatchSize)
    {
        regularization = ((LogisticRegression)configuration.Problem).Regularization;
    }

    /// <summary>The examples' features a_i with their labels y_i = ±1 as the extra value.</summary>
    internal static SampledRows Rows(LogisticRegression problem) => new(problem.Rows, problem.Columns, problem.Row, i => problem.Labels[i]);

    /// <inheritdoc/>
    protected override bool Step(Span<double> lanes, int step, double stepSize, double bound) =>
        Step(lanes, step, stepSize, bound, new LogisticLoss(regularization));

    /// <summary>−y·σ(−y·aᵀx) for label y, and the gradient batch mean + λx.</summary>
    private readonly struct LogisticLoss(double regularization) : IRowLoss
    {
        private readonly Vector512<double> lambda = Vector512.Create(regularization);
        private readonly Vector512<double> lowest = Vector512.Create(PortableMath.ExpLowestArgument);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Coefficient(Vector512<double> dot, Vector512<double> label)
        {
            var negatedLabel = -label;
            var z = negatedLabel * dot;
            var e = PortableMathVector512.ExpOfFinite(Vector512.Max(-Vector512.Abs(z), lowest));
            var numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(z, Vector512<double>.Zero), Vector512<double>.One, e);
            return negatedLabel * (numerator / (Vector512<double>.One + e));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Gradient(Vector512<double> batchMean, Vector512<double> x) => batchMean + lambda * x;
    }
}
