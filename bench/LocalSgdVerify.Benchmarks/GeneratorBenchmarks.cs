using BenchmarkDotNet.Attributes;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Benchmarks;

/// <summary>
/// Normals per second of the counter-based generator: the scalar reference loop, the batch fill on each SIMD path
/// (10^6 normals at one address), and the simulator's typical call (20 workers × 3 coordinates per step). Every
/// benchmark reports time per normal (OperationsPerInvoke), so M normals/s = 1000 / (ns per operation).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Count = 1_000_000;
    private const int Workers = 20;
    private const int Coordinates = 3;
    private const int Steps = Count / (Workers * Coordinates);

    private readonly CounterBasedRandom random = new(20240611, NoiseStreams.GradientNoise);
    private readonly NoiseAddress address = new(0, 0, 0);
    private readonly double[] destination = new double[Count];
    private readonly double[] stepNoise = new double[Workers * Coordinates];

    [Benchmark(OperationsPerInvoke = Count)]
    public double ScalarNormalLoop()
    {
        double sum = 0;
        for (int j = 0; j < Count; j++)
        {
            sum += random.Normal(address, j);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void FillScalar() => random.FillNormals(address, destination, SimdPath.Scalar);

    [Benchmark(OperationsPerInvoke = Count)]
    public void FillVector256() => random.FillNormals(address, destination, SimdPath.Vector256);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void FillVector512() => random.FillNormals(address, destination, SimdPath.Vector512);

    /// <summary>Steps × 20 workers × 3 normals through the public per-step call (odd row length: compacting path).</summary>
    [Benchmark(OperationsPerInvoke = Steps * Workers * Coordinates)]
    public void WorkersTimesThreePerStep()
    {
        for (int step = 0; step < Steps; step++)
        {
            random.FillNormalsForWorkers(0, 0, Workers, step, Coordinates, stepNoise);
        }
    }
}
