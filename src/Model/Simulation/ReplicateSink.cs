using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>Where kernels write: errors[checkpoint][replicate] and observables[observable][checkpoint][replicate].</summary>
public sealed class ReplicateSink
{
    /// <summary>Allocates storage for R replicates of a configuration (and their sync steps when <paramref name="recordSyncSteps"/>).</summary>
    public ReplicateSink(LocalSgdConfiguration configuration, int replicates, bool recordSyncSteps = false)
    {
        int checkpoints = configuration.Checkpoints.Count;
        Errors = Enumerable.Range(0, checkpoints).Select(_ => new double[replicates]).ToArray();
        Observables = configuration.Problem.Observables
            .Select(_ => Enumerable.Range(0, checkpoints).Select(_ => new double[replicates]).ToArray()).ToArray();
        Rounds = new int[replicates];
        if (recordSyncSteps) SyncSteps = new int[replicates][];
    }

    /// <summary>F(output) − F* by checkpoint, then replicate.</summary>
    public double[][] Errors { get; }

    /// <summary>Observables by observable, checkpoint, replicate.</summary>
    public double[][][] Observables { get; }

    /// <summary>Number of communication rounds each replicate made.</summary>
    public int[] Rounds { get; }

    /// <summary>The steps after which each replicate averaged, when recorded (null otherwise).</summary>
    public int[][]? SyncSteps { get; }

    /// <summary>Copies one replicate's outcome in.</summary>
    public void Store(int replicate, ReplicateOutcome outcome)
    {
        for (int c = 0; c < Errors.Length; c++) Errors[c][replicate] = outcome.Errors[c];
        for (int o = 0; o < Observables.Length; o++)
            for (int c = 0; c < Errors.Length; c++) Observables[o][c][replicate] = outcome.Observables[o][c];
        Rounds[replicate] = outcome.SyncSteps.Count;
        if (SyncSteps is not null) SyncSteps[replicate] = [.. outcome.SyncSteps];
    }
}
