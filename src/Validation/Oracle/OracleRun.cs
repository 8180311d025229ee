using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;

namespace LocalSgdVerify.Validation.Oracle;

/// <summary>
/// One oracle-mode run as the harness knows it: the problem whose seeded oracle answers every query, the noise
/// replicate, N, T, x0, the step size of every step and the explicit communication set I (claims.md §1). Steps are
/// 1-based as on the wire: the gradient of step s is drawn at <c>NoiseAddress(replicate, worker, s − 1)</c> and used
/// with η_s = <see cref="StepSizes"/>[s − 1].
/// </summary>
/// <param name="Problem">The objective and its oracle.</param>
/// <param name="Seed">Master seed of the oracle's noise.</param>
/// <param name="Replicate">The replicate whose noise the run uses.</param>
/// <param name="Workers">N.</param>
/// <param name="Steps">T.</param>
/// <param name="InitialPoint">x0, shared by every worker.</param>
/// <param name="StepSizes">η_s for s = 1..T (entry s − 1).</param>
/// <param name="SyncSteps">I, strictly increasing, ending at T.</param>
/// <param name="Output">The returned iterate.</param>
public sealed record OracleRun(
    IProblem Problem, ulong Seed, int Replicate, int Workers, int Steps, double[] InitialPoint, double[] StepSizes,
    int[] SyncSteps, OutputIterate Output)
{
    /// <summary>d.</summary>
    public int Dimension => Problem.Dimension;

    /// <summary>
    /// The size of the contiguous groups that average after each of <see cref="SyncSteps"/> (N: all workers), or null when
    /// every averaging is over all workers (every schedule but a hierarchical one).
    /// </summary>
    public int[]? GroupSizes { get; init; }

    /// <summary>The declared hierarchical schedule, when the run has one (its levels name PyTorch's naive counters in the diagnosis).</summary>
    public HierarchicalSchedule? Hierarchy { get; init; }

    /// <summary>
    /// The run of a configuration: η_s = η_{t = s−1} of its step-size schedule, and I from the configuration, or, for
    /// a schedule that depends on the run (ADA-LUPA's loss rule), the sync steps the reference loop makes under this
    /// replicate's noise — the very steps the implementation is then told to use.
    /// </summary>
    public static OracleRun From(LocalSgdConfiguration configuration, ulong seed, int replicate)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var stepSizes = new double[configuration.Steps];
        for (int t = 0; t < stepSizes.Length; t++) stepSizes[t] = configuration.StepSize.At(t);
        int[] syncSteps = configuration.StaticSyncSteps
            ?? ReferenceLocalSgd.Run(configuration with { Checkpoints = [configuration.Steps] }, seed, replicate).SyncSteps.ToArray();
        return new OracleRun(configuration.Problem, seed, replicate, configuration.Workers, configuration.Steps,
            configuration.InitialPoint.ToArray(), stepSizes, syncSteps, configuration.Output)
        {
            GroupSizes = GroupAveraging.Sizes(configuration.Communication, configuration.ScheduleContext, syncSteps),
            Hierarchy = configuration.Communication as HierarchicalSchedule,
        };
    }
}
