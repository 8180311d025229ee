using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation.Kernels;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// Monte Carlo over R replicates of one Local SGD configuration. Replicates are cut into contiguous blocks
/// (<see cref="ReplicatesPerBlock"/>) that threads take in any order; each replicate's noise depends only on
/// (seed, replicate, worker, step) and each writes to its own slots, so the result is bit-identical for any thread
/// count and any block size. A fused kernel runs the configurations it supports (<see cref="SelectKernel"/>), the
/// reference loop the rest.
/// </summary>
public static class MonteCarloSimulator
{
    /// <summary>Lanes (replicates × workers × coordinates) a block aims at: its iterates and noise stay in L2.</summary>
    public const int TargetLanesPerBlock = 16384;

    /// <summary>
    /// The fewest replicates a block is cut down to for balance: a block pays a fixed cost per step (its noise draw, its
    /// sync and checkpoint tests), so blocks of one or two replicates run several times slower per replicate. Measured on
    /// partitioned least squares (N = 8, T = 64,000, 2 threads): 32 replicates in blocks of 1 took as long as 128 in
    /// blocks of 4, and a third of 640 in blocks of 20.
    /// </summary>
    public const int MinimumReplicatesPerBlock = 16;

    /// <summary>
    /// Replicates per block: as many as fit <see cref="TargetLanesPerBlock"/> lanes (a fused kernel then draws a
    /// whole block's noise in one call per step), but no more than R/(16K), so K threads get at least sixteen blocks
    /// each and finish within about one block of each other, unless that would cut blocks below
    /// min(<see cref="MinimumReplicatesPerBlock"/>, ⌈R/K⌉) (small requests, such as a shard's 32-replicate blocks or
    /// a first look, then give each thread a block or a few); at least 1. Only the speed depends on it: every
    /// replicate's bits are the same in any block.
    /// </summary>
    public static int ReplicatesPerBlock(LocalSgdConfiguration configuration, int replicates, int threads)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        long lanesPerReplicate = Math.Max(1L, (long)configuration.Workers * configuration.Problem.Dimension);
        long byCache = Math.Max(1, TargetLanesPerBlock / lanesPerReplicate);
        long perThread = Math.Max(1, threads);
        long byBalance = Math.Max(1, replicates / (16L * perThread));
        long floor = Math.Min(MinimumReplicatesPerBlock, Math.Max(1, (replicates + perThread - 1) / perThread));
        return (int)Math.Min(byCache, Math.Max(byBalance, floor));
    }

    /// <summary>
    /// Runs the simulation. Throws <see cref="DivergenceException"/> for the lowest diverging replicate, at the
    /// step where the reference loop first leaves the bound.
    /// </summary>
    public static SimulationResult Run(LocalSgdConfiguration configuration, SimulationOptions options)
    {
        int replicates = options.Replicates, offset = options.FirstReplicate;
        var sink = new ReplicateSink(configuration, replicates, offset, options.RecordSyncSteps);
        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        int blockSize = ReplicatesPerBlock(configuration, replicates, threads);
        int blocks = (replicates + blockSize - 1) / blockSize;
        var failures = new DivergenceException?[blocks];
        var (kernelName, createKernel) = SelectKernel(configuration, options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };

        Parallel.For(0, blocks, parallel,
            createKernel,
            (block, _, kernel) =>
            {
                int first = block * blockSize, count = Math.Min(blockSize, replicates - first);
                try { kernel.RunBlock(offset + first, count, sink); }
                catch (DivergenceException divergence) { failures[block] = divergence; }
                options.ReplicatesFinished?.Invoke(count);
                return kernel;
            },
            _ => { });

        int failedBlock = Array.FindIndex(failures, f => f is not null);
        if (failedBlock >= 0) throw Localise(configuration, options, offset + failedBlock * blockSize, blockSize, failures[failedBlock]!);

        var errorStatistics = sink.Errors.Select(sample => SampleStatistics.Of(sample, options.ConfidenceLevel)).ToArray();
        var observableStatistics = new Dictionary<string, IReadOnlyList<SampleStatistics>>();
        for (int o = 0; o < configuration.Problem.Observables.Count; o++)
            observableStatistics[configuration.Problem.Observables[o].Name] =
                sink.Observables[o].Select(sample => SampleStatistics.Of(sample, options.ConfidenceLevel)).ToArray();

        return new SimulationResult(configuration, options, configuration.Checkpoints, sink.Errors, errorStatistics,
            observableStatistics, sink.Observables, configuration.StaticSyncSteps, sink.Rounds, kernelName)
        {
            SyncStepsPerReplicate = sink.SyncSteps,
        };
    }

    /// <summary>
    /// The kernel for a configuration, as its type name (which the reports print) and a constructor the simulator calls
    /// once per thread: a fused blocked kernel for every problem family (the sampled-row problems, the uv toy and the
    /// dense quadratic where AVX-512 runs natively), under static and run-dependent schedules alike; the reference loop
    /// for other problems, without AVX-512 for those kernels, or when <see cref="SimulationOptions.UseFastKernels"/> is off.
    /// The fused kernels average within groups of workers too (hierarchical schedules).
    /// </summary>
    private static (string Name, Func<IReplicateKernel> Create) SelectKernel(LocalSgdConfiguration configuration, SimulationOptions options)
    {
        ulong seed = options.Seed;
        if (options.UseFastKernels)
        {
            switch (configuration.Problem)
            {
                case SeparableQuadratic:
                    return (nameof(SeparableQuadraticKernel), () => new SeparableQuadraticKernel(configuration, seed));
                case HeterogeneousQuadratics:
                    return (nameof(HeterogeneousQuadraticsKernel), () => new HeterogeneousQuadraticsKernel(configuration, seed));
                case KinkFunction or SmoothFunction:
                    return (nameof(ScalarProblemKernel), () => new ScalarProblemKernel(configuration, seed));
                case DenseQuadratic when DenseQuadraticKernel.IsSupported:
                    return (nameof(DenseQuadraticKernel), () => new DenseQuadraticKernel(configuration, seed));
                // The data's rows are copied once per run and shared by the threads' kernels (they only read them).
                case LeastSquares leastSquares when SampledRowsKernel.IsSupported:
                    var designRows = LeastSquaresKernel.Rows(leastSquares);
                    return (nameof(LeastSquaresKernel), () => new LeastSquaresKernel(configuration, seed, designRows));
                case LogisticRegression logistic when SampledRowsKernel.IsSupported:
                    var examples = LogisticRegressionKernel.Rows(logistic);
                    return (nameof(LogisticRegressionKernel), () => new LogisticRegressionKernel(configuration, seed, examples));
                case LabelNoiseUvToy when LabelNoiseUvToyKernel.IsSupported:
                    return (nameof(LabelNoiseUvToyKernel), () => new LabelNoiseUvToyKernel(configuration, seed));
            }
        }
        return (nameof(ReferenceKernel), () => new ReferenceKernel(configuration, seed));
    }

    // A blocked kernel runs its replicates side by side and notices whichever diverges first in time, not the
    // lowest index. Replaying the block's replicates in order on the reference loop (same seed, same bits) names
    // the lowest diverging replicate and its exact step, whatever kernel found it.
    private static DivergenceException Localise(LocalSgdConfiguration configuration, SimulationOptions options, int first, int blockSize, DivergenceException found)
    {
        int last = Math.Min(first + blockSize, options.FirstReplicate + options.Replicates);
        var loop = new ReferenceLocalSgd(configuration, options.Seed);
        var outcome = ReplicateOutcome.For(configuration);
        for (int replicate = first; replicate < last; replicate++)
        {
            try { loop.RunInto(replicate, outcome); }
            catch (DivergenceException exact) { return exact; }
        }
        return found;
    }
}
