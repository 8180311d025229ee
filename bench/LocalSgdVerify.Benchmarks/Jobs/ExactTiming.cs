using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Exact;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.StepSizes;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// <c>exact [--repeat n]</c>: wall and CPU seconds of the separable moment recursion at the size (d = 1000,
/// T = 10^6, N = 20, period 10, η_t = 3/(t + 1), c = σ = 0.5), for the last average and the Polyak–Ruppert output;
/// the same work as <see cref="ExactEngineBenchmarks"/>, in seconds rather than a BenchmarkDotNet run.
/// </summary>
public static class ExactTiming
{
    /// <summary>Runs and prints one line per output.</summary>
    public static int Run(string[] arguments)
    {
        int repeat = arguments.Length > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 3;
        const int dimension = 1000, steps = 1_000_000, workers = 20;
        var problem = new SeparableQuadratic(Enumerable.Range(0, dimension).Select(k => 1.0 + k / (double)dimension).ToArray(), 0.5, 0.5);
        var start = Enumerable.Repeat(1.0, dimension).ToArray();
        var syncSteps = Enumerable.Range(1, steps / 10).Select(r => 10 * r).ToArray();
        var stepSize = new InverseTimeStepSize(3, 1);
        var process = Process.GetCurrentProcess();
        foreach (var output in new[] { OutputIterate.LastAverage, OutputIterate.PolyakRuppert })
        {
            double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity, value = 0;
            for (int r = 0; r < repeat; r++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                value = SeparableQuadraticMoments.Compute(problem, workers, start, stepSize, steps, syncSteps, output: output).OutputErrors[0];
                bestWall = Math.Min(bestWall, clock.Elapsed.TotalSeconds);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{output.Kind,-15} d = {dimension}, T = {steps}: wall {bestWall:F3} s, CPU {bestCpu:F3} s, E F = {value:R}"));
        }
        return 0;
    }
}
