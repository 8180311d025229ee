namespace LocalSgdVerify.Model.Algorithm;

/// <summary>What one replicate of a run produced.</summary>
public sealed class ReplicateOutcome
{
    private ReplicateOutcome(int checkpoints, int observables, int dimension, int workers)
    {
        Errors = new double[checkpoints];
        Observables = Enumerable.Range(0, observables).Select(_ => new double[checkpoints]).ToArray();
        Output = new double[dimension];
        FinalWorkers = new double[workers * dimension];
    }

    /// <summary>An empty outcome shaped for a configuration.</summary>
    public static ReplicateOutcome For(LocalSgdConfiguration configuration)
        => new(configuration.Checkpoints.Count, configuration.Problem.Observables.Count, configuration.Problem.Dimension, configuration.Workers);

    /// <summary>F(output) − F* at each checkpoint.</summary>
    public double[] Errors { get; }

    /// <summary>Each observable of the problem at each checkpoint, evaluated at the output iterate.</summary>
    public double[][] Observables { get; }

    /// <summary>The output iterate at T.</summary>
    public double[] Output { get; }

    /// <summary>x_i^T row by row (N × d).</summary>
    public double[] FinalWorkers { get; }

    /// <summary>The sync steps this run made (for run-dependent schedules they differ per replicate).</summary>
    public List<int> SyncSteps { get; } = [];
}
