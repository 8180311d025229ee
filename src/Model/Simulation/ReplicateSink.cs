using LocalSgdVerify.Model.Algorithm;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// Where kernels write: errors[checkpoint][slot] and observables[observable][checkpoint][slot], where replicate r of a
/// run over replicates first..first + R − 1 has slot r − first (<see cref="Slot"/>).
/// </summary>
public sealed class ReplicateSink
{
    /// <summary>
    /// Allocates storage for R replicates of a configuration, starting at replicate <paramref name="firstReplicate"/>
    /// (and their sync steps when <paramref name="recordSyncSteps"/>).
    /// </summary>
    public ReplicateSink(LocalSgdConfiguration configuration, int replicates, int firstReplicate = 0, bool recordSyncSteps = false)
    {
        FirstReplicate = firstReplicate;
        int checkpoints = configuration.Checkpoints.Count;
        Errors = Enumerable.Range(0, checkpoints).Select(_ => new double[replicates]).ToArray();
        Observables = configuration.Problem.Observables
            .Select(_ => Enumerable.Range(0, checkpoints).Select(_ => new double[replicates]).ToArray()).ToArray();
        Rounds = new int[replicates];
        if (recordSyncSteps) SyncSteps = new int[replicates][];
    }

    /// <summary>The replicate stored in slot 0.</summary>
    public int FirstReplicate { get; }

    /// <summary>The slot of a replicate.</summary>
    public int Slot(int replicate) => replicate - FirstReplicate;

    /// <summary>F(output) − F* by checkpoint, then slot.</summary>
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
        int slot = Slot(replicate);
        for (int c = 0; c < Errors.Length; c++) Errors[c][slot] = outcome.Errors[c];
        for (int o = 0; o < Observables.Length; o++)
            for (int c = 0; c < Errors.Length; c++) Observables[o][c][slot] = outcome.Observables[o][c];
        Rounds[slot] = outcome.SyncSteps.Count;
        if (SyncSteps is not null) SyncSteps[slot] = [.. outcome.SyncSteps];
    }
}
