using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// Exact expected errors for the configurations that have them (claims.md §5): the separable quadratic with any
/// static schedule and any output iterate, and the dense quadratic with any static schedule and any output
/// iterate, also when averagings are within nested groups of workers (hierarchical schedules). Everything else (other problems, schedules that depend on the run's loss) gets null, and the caller
/// falls back to Monte Carlo.
/// </summary>
public static class ExactEngine
{
    /// <summary>Method names reported in <see cref="ExactPrediction.Method"/>.</summary>
    public const string SeparableMethod = "separable-quadratic-moments", DenseMethod = "dense-quadratic-moments",
        DenseWeightedMethod = "dense-quadratic-eigenbasis-moments", HierarchicalMethod = "hierarchical-group-moments";

    /// <summary>The exact per-checkpoint expected errors of <paramref name="configuration"/>, or null when none exist here.</summary>
    public static ExactPrediction? TryCompute(LocalSgdConfiguration configuration)
    {
        if (configuration.Communication.DependsOnRun) return null;
        if (configuration.Problem is not (SeparableQuadratic or DenseQuadratic)) return null;
        int[] syncSteps = configuration.StaticSyncSteps!;
        var c = configuration;
        if (GroupAveraging.Sizes(c.Communication, c.ScheduleContext, syncSteps) is { } groupSizes)
            return Hierarchical(c, syncSteps, groupSizes);

        if (c.Problem is SeparableQuadratic separable)
        {
            var moments = SeparableQuadraticMoments.Compute(separable, c.Workers, c.InitialPoint, c.StepSize, c.Steps, syncSteps, c.Checkpoints, c.Output);
            return new ExactPrediction(SeparableMethod, moments.Checkpoints, moments.OutputErrors, moments.AverageErrors, moments.WorkerErrors);
        }

        var dense = (DenseQuadratic)c.Problem;
        if (c.Output.Weight(1) is null)
        {
            var moments = DenseQuadraticMoments.Compute(dense, c.Workers, c.InitialPoint, c.StepSize, c.Steps, syncSteps, c.Checkpoints);
            return new ExactPrediction(DenseMethod, moments.Checkpoints, moments.AverageErrors, moments.AverageErrors, moments.WorkerErrors);
        }

        // In A's eigenbasis, ỹ = Qᵀ(x − x*) is Local SGD on the separable quadratic with curvatures λ, c = 0 and the
        // same σ (the rotated noise is again N(0, σ²I)); F(x) − F* = ½ Σ λ_k ỹ_k², and a weighted average of the x̄^t
        // maps to the same weighted average of the ỹ. So the separable recursion gives the weighted outputs exactly.
        var rotated = new SeparableQuadratic(dense.Eigenvalues, 0, dense.Noise);
        double[] rotatedStart = DenseQuadraticMoments.EigenCoordinates(dense, c.InitialPoint);
        var weighted = SeparableQuadraticMoments.Compute(rotated, c.Workers, rotatedStart, c.StepSize, c.Steps, syncSteps, c.Checkpoints, c.Output);
        return new ExactPrediction(DenseWeightedMethod, weighted.Checkpoints, weighted.OutputErrors, weighted.AverageErrors, weighted.WorkerErrors);
    }

    // Averagings within groups: the class-moment recursion of HierarchicalQuadraticMoments; the dense quadratic through
    // its eigenbasis (the rotation argument above holds for any schedule and any output).
    private static ExactPrediction Hierarchical(LocalSgdConfiguration c, int[] syncSteps, int[] groupSizes)
    {
        if (c.Problem is SeparableQuadratic separable)
        {
            var moments = HierarchicalQuadraticMoments.Compute(separable, c.Workers, c.InitialPoint, c.StepSize, c.Steps, syncSteps, groupSizes, c.Checkpoints, c.Output);
            return new ExactPrediction(HierarchicalMethod, moments.Checkpoints, moments.OutputErrors, moments.AverageErrors, moments.WorkerErrors);
        }
        var dense = (DenseQuadratic)c.Problem;
        var rotated = new SeparableQuadratic(dense.Eigenvalues, 0, dense.Noise);
        var eigen = HierarchicalQuadraticMoments.Compute(rotated, c.Workers, DenseQuadraticMoments.EigenCoordinates(dense, c.InitialPoint), c.StepSize,
            c.Steps, syncSteps, groupSizes, c.Checkpoints, c.Output);
        return new ExactPrediction(HierarchicalMethod, eigen.Checkpoints, eigen.OutputErrors, eigen.AverageErrors, eigen.WorkerErrors);
    }
}
