using BenchmarkDotNet.Attributes;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Benchmarks;

/// <summary>
/// The separable-quadratic moment recursion at the size the exact engine must handle in under a second:
/// d = 1000 coordinates, T = 10^6 steps (10^9 coordinate-steps), N = 20, period-10 averaging, η_t = 3/(t+1).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class ExactEngineBenchmarks
{
    private const int Dimension = 1000, Steps = 1_000_000, Workers = 20;
    private SeparableQuadratic problem = null!;
    private double[] start = null!;
    private int[] syncSteps = null!;
    private readonly IStepSizeSchedule stepSize = new InverseTimeStepSize(3, 1);

    /// <summary>Curvatures spread over [1, 2), c = σ = 0.5, x0 = 1.</summary>
    [GlobalSetup]
    public void Setup()
    {
        problem = new SeparableQuadratic(Enumerable.Range(0, Dimension).Select(k => 1.0 + k / (double)Dimension).ToArray(), 0.5, 0.5);
        start = Enumerable.Repeat(1.0, Dimension).ToArray();
        syncSteps = Enumerable.Range(1, Steps / 10).Select(r => 10 * r).ToArray();
    }

    /// <summary>Last virtual average: q and r per coordinate.</summary>
    [Benchmark(Baseline = true)]
    public double LastAverage() => SeparableQuadraticMoments.Compute(problem, Workers, start, stepSize, Steps, syncSteps).OutputErrors[0];

    /// <summary>Polyak–Ruppert output: q, r, P and Q per coordinate.</summary>
    [Benchmark]
    public double PolyakRuppert() => SeparableQuadraticMoments.Compute(problem, Workers, start, stepSize, Steps, syncSteps, output: OutputIterate.PolyakRuppert).OutputErrors[0];
}
