namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// How to run a Monte Carlo simulation: R replicates (first..first + R − 1, first = 0 unless set) from a master seed on
/// K threads. The result depends only on (configuration, first, R, seed): threads and block size change the speed,
/// never the bits, and replicate r's values are the same in every run that includes it (so ranges concatenate into
/// the run of the whole range).
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

    /// <summary>The first replicate's index (0 by default): a run of replicates first..first + R − 1.</summary>
    public int FirstReplicate
    {
        get => firstReplicate;
        init
        {
            ProblemParameterException.RequireAtLeast("first_replicate", value, 0);
            firstReplicate = value;
        }
    }

    private readonly int firstReplicate;

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

    /// <summary>
    /// True keeps the steps after which each replicate averaged (<see cref="SimulationResult.SyncStepsPerReplicate"/>), which
    /// differ per replicate under a run-dependent schedule; off by default (R lists of rounds).
    /// </summary>
    public bool RecordSyncSteps { get; init; }
}
