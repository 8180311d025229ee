using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Claims.Common;

/// <summary>
/// Exact expected errors for the claims of Spiridonoff et al. and Stich on the separable quadratic, through the exact
/// engine (claims.md §5): one call per (N, T, schedule, output), no Monte Carlo.
/// </summary>
public static class SpiridonoffExact
{
    /// <summary>E[F(output at T)] − F* for one configuration; throws when the exact engine does not cover it.</summary>
    public static double FinalError(SeparableQuadratic problem, IReadOnlyList<double> start, IStepSizeSchedule stepSize, int workers, int steps,
        ICommunicationSchedule schedule, OutputIterate? output = null)
    {
        var configuration = new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule, output);
        var prediction = ExactEngine.TryCompute(configuration)
            ?? throw new InvalidOperationException($"the exact engine has no moments for schedule '{schedule.Kind}' on '{problem.Family}'");
        return prediction.OutputErrors[^1];
    }

    /// <summary>N·T·E F(x̄^T) on the §4.1 quadratic (a = (1, 2, 3), c = 1, σ = 0.5, x0 = 1, η_t = 3/(t+1)).</summary>
    public static double ScaledQuadraticError(int workers, int steps, ICommunicationSchedule schedule) =>
        (double)workers * steps * FinalError(SpiridonoffExperiments.Quadratic(), SpiridonoffExperiments.QuadraticStart(), SpiridonoffExperiments.QuadraticStepSize(),
            workers, steps, schedule);

    /// <summary>
    /// The derived limit of N·T·E F(x̄^T) for η_t = α/(t + β) on the separable quadratic, (α²σ²/2) Σ_k a_k/(2α a_k − 1)
    /// (claims.md §4 [derived]), for the §4.1 parameters: α = 3, σ = 0.5, a = (1, 2, 3).
    /// </summary>
    public static double QuadraticAsymptoticConstant()
    {
        var problem = SpiridonoffExperiments.Quadratic();
        return SeparableQuadraticMoments.AsymptoticConstant(problem.Curvatures, problem.AdditiveNoise, SpiridonoffExperiments.QuadraticStepScale);
    }
}
