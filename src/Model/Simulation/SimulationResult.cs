using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>The Monte Carlo outcome of one configuration: raw per-replicate values and their summaries.</summary>
public sealed record SimulationResult(
    LocalSgdConfiguration Configuration,
    SimulationOptions Options,
    IReadOnlyList<int> Checkpoints,
    double[][] Errors,
    IReadOnlyList<SampleStatistics> ErrorStatistics,
    IReadOnlyDictionary<string, IReadOnlyList<SampleStatistics>> ObservableStatistics,
    double[][][] Observables,
    int[]? SyncSteps,
    int[] RoundsPerReplicate,
    string KernelName)
{
    /// <summary>Summary of the error at T (the last checkpoint).</summary>
    public SampleStatistics FinalError => ErrorStatistics[^1];

    /// <summary>Per-replicate errors at T, for paired comparisons under common random numbers.</summary>
    public double[] FinalErrors => Errors[^1];

    /// <summary>The steps after which each replicate averaged, when <see cref="SimulationOptions.RecordSyncSteps"/> asked for them; otherwise null.</summary>
    public int[][]? SyncStepsPerReplicate { get; init; }
}
