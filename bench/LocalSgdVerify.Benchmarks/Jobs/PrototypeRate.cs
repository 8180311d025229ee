using System.Diagnostics;
using System.Globalization;
using LocalSgdVerify.Benchmarks.Prototypes;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Benchmarks.Jobs;

/// <summary>
/// <c>prototype [--rounds k]</c>: normals per CPU-second of the contract's AVX-512 fill (two normals per Philox block)
/// against <see cref="FourNormalsPerBlock"/> (four), measured alternately in one process so that both see the same
/// machine load; prints each round and the ratio of the medians.
/// </summary>
public static class PrototypeRate
{
    /// <summary>Runs and prints.</summary>
    public static int Run(string[] arguments)
    {
        int rounds = arguments.Length > 1 && arguments[0] == "--rounds" ? int.Parse(arguments[1], CultureInfo.InvariantCulture) : 9;
        const int count = 1 << 16, repeat = 1000;
        if (!SimdPaths.IsSupported(SimdPath.Vector512))
        {
            Console.Error.WriteLine("prototype: needs AVX-512F/DQ");
            return 2;
        }
        var random = new CounterBasedRandom(20240611, NoiseStreams.GradientNoise);
        var destination = new double[count];
        var process = Process.GetCurrentProcess();
        double Measure(Action<int> fill)
        {
            for (int w = 0; w < 50; w++) fill(w);
            process.Refresh();
            TimeSpan before = process.TotalProcessorTime;
            for (int r = 0; r < repeat; r++) fill(r);
            process.Refresh();
            return count * (double)repeat / (process.TotalProcessorTime - before).TotalSeconds / 1e6;
        }
        var contract = new List<double>();
        var prototype = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            contract.Add(Measure(r => random.FillNormals(new NoiseAddress(0, 0, r), destination, SimdPath.Vector512)));
            prototype.Add(Measure(r => FourNormalsPerBlock.Fill(random.Key, 0, (uint)r, 0, destination)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: contract {contract[^1],7:F1}  four-per-block prototype {prototype[^1],7:F1}  M normals per CPU-second"));
        }
        double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: contract {Median(contract):F1}, prototype {Median(prototype):F1}, ratio {Median(prototype) / Median(contract):F2}"));
        return 0;
    }
}
