using BenchmarkDotNet.Attributes;
using LocalSgdVerify.Benchmarks.Jobs;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Simulation;

namespace LocalSgdVerify.Benchmarks;

/// <summary>
/// Simulator throughput on the jobs (<see cref="ComparisonJob"/>): eigenvalues spread over [1, 10], η = 0.01,
/// averaging every 10 steps. The shape is a parameter, so BenchmarkDotNet reports time per simulation:
/// M coordinate-updates/s = R·N·T·d / (mean in µs).
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    /// <summary>
    /// (job, R, N, d, T): the three diagonal shapes, the other jobs at a comparable size, the family jobs, and one job at
    /// 32 and 640 replicates (a shard's block or a first look against a whole request: per replicate they should cost
    /// about the same, which the block floor of <see cref="MonteCarloSimulator.ReplicatesPerBlock"/> is for).
    /// </summary>
    [Params("diagonal,1000,8,10,1000", "diagonal,100,16,100,1000", "diagonal,10,8,1000,200",
        "multiplicative,100,16,100,200", "kink,20000,8,1,200", "smooth,20000,8,1,200", "dense,40,8,100,200",
        "least-squares,4000,8,5,200", "least-squares-full,1000,8,10,200", "logistic,1000,8,10,200", "heterogeneous,1000,8,10,200",
        "uv,4000,8,2,200", "kink-adaptive,20000,8,1,200", "smooth-adaptive,20000,8,1,200", "heterogeneous-hierarchical,1000,8,10,200",
        "least-squares,32,8,5,2000", "least-squares,640,8,5,2000")]
    public string Shape { get; set; } = "";

    /// <summary>1 or both cores.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    private LocalSgdConfiguration configuration = null!;
    private int replicates;

    /// <summary>Builds the configuration of the shape.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split(',');
        int[] numbers = parts[1..].Select(int.Parse).ToArray();
        (replicates, int workers, int dimension, int steps) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        configuration = ComparisonJob.Configuration(parts[0], workers, dimension, steps);
    }

    /// <summary>One full simulation; divide R·N·T·d by the mean time for the rate.</summary>
    [Benchmark]
    public double Simulate() => MonteCarloSimulator.Run(configuration, new SimulationOptions(replicates, 1, Threads)).FinalError.Mean;
}
