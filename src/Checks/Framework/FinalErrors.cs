using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// The error F(output) − F* of one configuration at its horizon T, the quantity most claims compare: sampled by Monte
/// Carlo under a seed, or its expectation computed exactly by the moment engine (claims.md §5).
/// </summary>
public static class FinalErrors
{
    /// <summary>
    /// Per-replicate errors F(output) − F* at T: R replicates from <paramref name="seed"/>, so two calls with one seed
    /// see common random numbers (worker i at step t draws the same noise).
    /// </summary>
    public static double[] Sampled(ClaimContext context, IProblem problem, IReadOnlyList<double> start, IStepSizeSchedule stepSize, int workers, int steps,
        ICommunicationSchedule schedule, int replicates, ulong seed, OutputIterate? output = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configuration = new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule, output);
        return context.Simulate(configuration, replicates, seed).FinalErrors;
    }

    /// <summary>E[F(output at T)] − F* of a configuration from the exact engine (its last checkpoint); throws when the engine does not cover it.</summary>
    public static double Expected(ClaimContext context, LocalSgdConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configuration);
        return context.Exact("final-error/" + ConfigurationFingerprint.Of(configuration), () =>
        {
            var prediction = ExactEngine.TryCompute(configuration)
                ?? throw new InvalidOperationException($"the exact engine has no moments for schedule '{configuration.Communication.Kind}' on '{configuration.Problem.Family}'");
            return [prediction.OutputErrors[^1]];
        })[0];
    }

    /// <summary>E[F(output)] − F* of a configuration at each of its checkpoints from the exact engine; throws when the engine does not cover it.</summary>
    public static double[] ExpectedAtCheckpoints(ClaimContext context, LocalSgdConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(configuration);
        return context.Exact("output-errors/" + ConfigurationFingerprint.Of(configuration), () =>
            (ExactEngine.TryCompute(configuration)
                ?? throw new InvalidOperationException($"the exact engine has no moments for schedule '{configuration.Communication.Kind}' on '{configuration.Problem.Family}'")).OutputErrors.ToArray());
    }

    /// <summary>E[F(output at T)] − F* from the exact engine, one call per configuration; throws when the engine does not cover it.</summary>
    public static double Expected(ClaimContext context, SeparableQuadratic problem, IReadOnlyList<double> start, IStepSizeSchedule stepSize, int workers, int steps,
        ICommunicationSchedule schedule, OutputIterate? output = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Expected(context, new LocalSgdConfiguration(problem, workers, steps, start, stepSize, schedule, output));
    }
}
