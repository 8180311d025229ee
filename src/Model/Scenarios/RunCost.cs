using System.Globalization;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// What a Monte Carlo run of a configuration will cost, estimated from the configuration alone before anything
/// runs: the memory it holds at its peak and the work it does. Memory is an upper bound built from the simulator's
/// allocations: per thread, the iterates and noise of a block of replicates (about six arrays of max(N·d, 16384)
/// doubles) and a flag per step; the results, one double per replicate, checkpoint and observable (twice, for the
/// statistics); the set I, at most T steps at 16 bytes each while it is built. Work is R·N·T·d coordinate updates
/// (R·N·T·d² for the dense quadratic, whose gradient multiplies by its d × d Hessian).
/// </summary>
/// <param name="Bytes">Peak memory, an upper bound in bytes.</param>
/// <param name="Operations">Coordinate updates.</param>
/// <param name="Breakdown">Where the bytes go, for the refusal message.</param>
public sealed record RunCost(double Bytes, double Operations, string Breakdown)
{
    private const double LanesPerBlock = 16384, ArraysPerThread = 6;

    /// <summary>The cost of <paramref name="replicates"/> replicates of <paramref name="configuration"/> on <paramref name="threads"/> threads (0 = one per core).</summary>
    public static RunCost Of(LocalSgdConfiguration configuration, int replicates, int threads)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        double n = configuration.Workers, d = configuration.Problem.Dimension, t = configuration.Steps, r = replicates;
        double activeThreads = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, r);
        double perThread = 8 * ArraysPerThread * Math.Max(n * d, LanesPerBlock) + (t + 1);
        double results = 2 * 8 * r * configuration.Checkpoints.Count * (1 + configuration.Problem.Observables.Count) + 4 * r;
        double syncSteps = 16 * t;
        double bytes = activeThreads * perThread + results + syncSteps;
        double perGradient = configuration.Problem.Family == "dense-quadratic" ? d * d : d;
        string breakdown =
            $"{Size(activeThreads * perThread)} for {activeThreads.ToString(CultureInfo.InvariantCulture)} thread{(activeThreads == 1 ? "" : "s")} holding N·d = {NumberText.Integer((long)(n * d))} coordinates each, " +
            $"{Size(results)} for R × checkpoints results, {Size(syncSteps)} for the sync steps of T = {NumberText.Integer(configuration.Steps)}";
        return new RunCost(bytes, r * n * t * perGradient, breakdown);
    }

    /// <summary>"1.5 GB": bytes in decimal units, for messages.</summary>
    public static string Size(double bytes) => bytes switch
    {
        >= 1e12 => $"{(bytes / 1e12).ToString("0.#", CultureInfo.InvariantCulture)} TB",
        >= 1e9 => $"{(bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture)} GB",
        >= 1e6 => $"{(bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture)} kB",
    };
}

/// <summary>
/// The memory a run may use, checked while the scenario is read, before the set I is built or anything else large
/// is allocated: a run whose <see cref="RunCost"/> exceeds it is refused as a scenario error.
/// </summary>
/// <param name="MemoryLimitBytes">The limit (the machine's available memory, or --max-memory).</param>
/// <param name="LimitSource">How the message names the limit, e.g. "the memory this machine has available" or "--max-memory".</param>
/// <param name="Threads">Threads the run will use (0 = one per core).</param>
/// <param name="Replicates">R when a flag overrides the file's, else null.</param>
public sealed record RunBudget(double MemoryLimitBytes, string LimitSource, int Threads, int? Replicates)
{
    /// <summary>Throws <see cref="ScenarioException"/> naming the estimate and the limit when the run would need more memory.</summary>
    public void Check(LocalSgdConfiguration configuration, int fileReplicates)
    {
        int replicates = Replicates ?? fileReplicates;
        RunCost cost = RunCost.Of(configuration, replicates, Threads);
        if (cost.Bytes <= MemoryLimitBytes) return;
        throw new ScenarioException("workers",
            $"this run needs about {RunCost.Size(cost.Bytes)} of memory ({cost.Breakdown}), more than {RunCost.Size(MemoryLimitBytes)} ({LimitSource}); " +
            "lower workers, steps or replicates, use fewer --threads, or raise --max-memory.");
    }
}
