using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// <c>job --job NAME --replicates R --workers N --dimension d --steps T [--threads K] [--seed S] [--repeat n] [--fast true|false] [--data FILE]</c>:
/// runs one <see cref="ComparisonJob"/> through <see cref="MonteCarloSimulator.Run"/> and prints one JSON object
/// with the wall and process CPU time of the fastest of n repetitions (after at least half a second of untimed
/// warm-up runs that let the JIT reach its final code), the rate R·N·T·d / seconds, the Monte Carlo mean of F(x̄_T) with its standard error,
/// and the exact expectation where the exact engine has one. <c>--fast false</c> runs the reference loop instead of the
/// fused kernels (the path every family without a kernel takes). <c>--data</c> also writes the problem's data there
/// (<see cref="JobData"/>), so the numpy runs use the very same matrix, design or optima. Used by bench/compare.sh.
/// </summary>
public static class JobRunner
{
    // A warm-up run is short (a few blocks per thread) and repeated until half a second has passed.
    private const int WarmupReplicatesPerThread = 32;

    /// <summary>Parses the flags, runs, prints; returns the exit code.</summary>
    public static int Run(string[] arguments)
    {
        var flags = new Dictionary<string, string>();
        for (int i = 0; i + 1 < arguments.Length; i += 2) flags[arguments[i].TrimStart('-')] = arguments[i + 1];
        string name = flags.GetValueOrDefault("job", "diagonal");
        int replicates = Integer(flags, "replicates", 1000), workers = Integer(flags, "workers", 8);
        int dimension = Integer(flags, "dimension", 10), steps = Integer(flags, "steps", 1000);
        int threads = Integer(flags, "threads", 1), repeat = Integer(flags, "repeat", 3);
        ulong seed = ulong.Parse(flags.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
        bool fast = flags.GetValueOrDefault("fast", "true") == "true";

        var configuration = ComparisonJob.Configuration(name, workers, dimension, steps);
        if (flags.TryGetValue("data", out string? dataPath)) JobData.Write(configuration.Problem, dataPath);
        var options = new SimulationOptions(replicates, seed, threads, useFastKernels: fast);
        // Warm up for at least half a second, so tiered compilation has finished with every method the run uses.
        var warmup = new SimulationOptions(Math.Min(replicates, WarmupReplicatesPerThread * Math.Max(1, threads)), seed, threads, useFastKernels: fast);
        var warming = Stopwatch.StartNew();
        do MonteCarloSimulator.Run(configuration, warmup);
        while (warming.Elapsed.TotalSeconds < 0.5);

        double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        SimulationResult? result = null;
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            result = MonteCarloSimulator.Run(configuration, options);
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
        }
        double updates = (double)replicates * workers * steps * dimension;
        double? exact = ExactEngine.TryCompute(configuration)?.OutputErrors[^1];
        var report = new Dictionary<string, object?>
        {
            ["implementation"] = "LocalSgdVerify",
            ["job"] = name,
            ["replicates"] = replicates, ["workers"] = workers, ["dimension"] = dimension, ["steps"] = steps,
            ["threads"] = threads,
            ["kernel"] = result!.KernelName,
            ["wall_seconds"] = bestWall,
            ["cpu_seconds"] = bestCpu,
            ["updates_per_second"] = updates / bestWall,
            ["updates_per_cpu_second"] = updates / bestCpu,
            ["mean"] = result.FinalError.Mean,
            ["standard_error"] = result.FinalError.StandardError,
            ["exact"] = exact,
            ["mean_rounds"] = result.RoundsPerReplicate.Average(),
        };
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static int Integer(Dictionary<string, string> flags, string name, int fallback) =>
        flags.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
