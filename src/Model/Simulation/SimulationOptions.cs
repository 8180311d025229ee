namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// How to run a Monte Carlo simulation: R replicates (0..R−1) from a master seed on K threads. The result
/// depends only on (configuration, R, seed): threads and block size change the speed, never the bits.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Checks and stores the options; threads = 0 means one per core.</summary>
    public SimulationOptions(int replicates, ulong seed, int threads = 0, double confidenceLevel = 0.95, bool useFastKernels = true)
    {
        ProblemParameterException.RequireAtLeast("replicates", replicates, 1);
        ProblemParameterException.RequireAtLeast("threads", threads, 0);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ProblemParameterException("confidence_level", NumberText.RoundTrip(confidenceLevel), "a number in (0, 1)");
        Replicates = replicates; Seed = seed; Threads = threads; ConfidenceLevel = confidenceLevel; UseFastKernels = useFastKernels;
    }

    /// <summary>R.</summary>
    public int Replicates { get; init; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>K; 0 = Environment.ProcessorCount.</summary>
    public int Threads { get; init; }

    /// <summary>Level of the reported confidence intervals.</summary>
    public double ConfidenceLevel { get; init; }

    /// <summary>Called (from any thread) with the number of replicates each finished block held; for progress displays, never for results.</summary>
    public Action<int>? ReplicatesFinished { get; init; }

    /// <summary>False forces the reference kernel (used by the tests that compare paths).</summary>
    public bool UseFastKernels { get; init; }
}
