using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// <c>generator [--count n] [--repeat k]</c>: normals per CPU-second of the batch fill on each supported SIMD path,
/// by process CPU time (meaningful on a shared machine, where wall time is not). A quick check between
/// BenchmarkDotNet runs.
/// </summary>
public static class GeneratorRate
{
    /// <summary>Runs and prints one line per path.</summary>
    public static int Run(string[] arguments)
    {
        int count = arguments.Length > 1 ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 1 << 16;
        int repeat = arguments.Length > 3 ? int.Parse(arguments[3], CultureInfo.InvariantCulture) : 2000;
        var random = new CounterBasedRandom(20240611, NoiseStreams.GradientNoise);
        var destination = new double[count];
        var process = Process.GetCurrentProcess();
        foreach (SimdPath path in Enum.GetValues<SimdPath>())
        {
            if (!SimdPaths.IsSupported(path)) continue;
            for (int w = 0; w < 50; w++) random.FillNormals(new NoiseAddress(0, 0, w), destination, path);
            process.Refresh();
            TimeSpan before = process.TotalProcessorTime;
            for (int r = 0; r < repeat; r++) random.FillNormals(new NoiseAddress(0, 0, r), destination, path);
            process.Refresh();
            double seconds = (process.TotalProcessorTime - before).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path,-10} {count * (double)repeat / seconds / 1e6,8:F1} M normals per CPU-second"));
        }
        return 0;
    }
}
