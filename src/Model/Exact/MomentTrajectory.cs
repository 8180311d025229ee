namespace LocalSgdVerify.Model.Exact;

/// <summary>
/// What every exact moment recursion records at each checkpoint: the expected error of the virtual average and of
/// one worker (all workers are exchangeable). The subclasses add the moments of their problem.
/// </summary>
public abstract class MomentTrajectory
{
    private protected MomentTrajectory(int[] checkpoints)
    {
        Checkpoints = checkpoints;
        AverageErrors = new double[checkpoints.Length];
        WorkerErrors = new double[checkpoints.Length];
    }

    /// <summary>The steps t (1..T) the values belong to.</summary>
    public IReadOnlyList<int> Checkpoints { get; }

    /// <summary>E F(x̄^t) − F* per checkpoint.</summary>
    public double[] AverageErrors { get; }

    /// <summary>E F(x_i^t) − F* per checkpoint (any one worker).</summary>
    public double[] WorkerErrors { get; }

    /// <summary>A table of zeros, one row per checkpoint.</summary>
    private protected static double[][] Table(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();
}
