using BenchmarkDotNet.Attributes;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Simulation;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Benchmarks;

/// <summary>
/// Simulator throughput in coordinate-updates per second (R·N·T·d / time) on the diagonal job:
/// eigenvalues spread in [1, 10], additive noise, η = 0.01, averaging every 10 steps. Divide R·N·T·d by the
/// reported mean time; the README's performance table does that arithmetic.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    /// <summary>(R, N, d, T) shapes of the performance issue.</summary>
    [Params("1000,8,10,1000", "100,16,100,1000", "10,8,1000,200")]
    public string Shape { get; set; } = "";

    /// <summary>1 or all cores.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>false runs the reference loop, for the speed-up of the fused kernel.</summary>
    [Params(true, false)]
    public bool Fast { get; set; }

    private LocalSgdConfiguration configuration = null!;
    private int replicates;

    /// <summary>Builds the configuration of the shape.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int[] parts = Shape.Split(',').Select(int.Parse).ToArray();
        (replicates, int workers, int dimension, int steps) = (parts[0], parts[1], parts[2], parts[3]);
        var curvatures = Enumerable.Range(0, dimension).Select(k => 1 + 9.0 * k / Math.Max(1, dimension - 1)).ToArray();
        configuration = new LocalSgdConfiguration(new SeparableQuadratic(curvatures, 0, 1.0), workers, steps,
            new double[dimension], new ConstantStepSize(0.01), new ConstantPeriod(10));
    }

    /// <summary>One full simulation.</summary>
    [Benchmark]
    public double Simulate() => MonteCarloSimulator.Run(configuration, new SimulationOptions(replicates, 1, Threads, useFastKernels: Fast)).FinalError.Mean;
}
