using System.Globalization;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Randomness;

/// <summary>
/// Draws at neighbouring addresses, indices, streams and seeds are uncorrelated, and so are their squares (which
/// would expose a shared Box–Muller radius or a reused block). Each pair of samples has n = 10^6 pairs; under
/// independence the sample correlation is approximately N(0, 1/n) for the values and for the squares alike
/// (E[(XY)²] = E[X²]E[Y²] for independent standardized X, Y). 16 checks at α = 1e-6/16 each: false-fail rate
/// ≤ 1e-6 for the test.
/// </summary>
public class IndependenceTests(ITestOutputHelper output)
{
    private const ulong MasterSeed = 777_2024;
    private const int N = 1_000_000;

    private delegate double Draw(int i);

    [Fact]
    public void NeighbouringDrawsAreUncorrelated()
    {
        var random = new CounterBasedRandom(MasterSeed, NoiseStreams.GradientNoise);
        var otherStream = new CounterBasedRandom(MasterSeed, NoiseStreams.MultiplicativeNoise);
        var nextSeed = new CounterBasedRandom(MasterSeed + 1, NoiseStreams.GradientNoise);
        var rowSampling = new CounterBasedRandom(MasterSeed, NoiseStreams.RowSampling);

        // i enumerates 10^6 base addresses: replicate i / 10^4, worker (i / 100) mod 100, step i mod 100, index 2(i mod 7).
        // Neighbours differ by one in a single counter word. Pairs overlap (worker w+1 is also a base), which leaves
        // the variance of the correlation at 1/n: E[x_w x_{w+1} · x_{w+1} x_{w+2}] = 0 under independence.
        static NoiseAddress At(int i) => new(i / 10_000, i / 100 % 100, i % 100);
        static int Index(int i) => 2 * (i % 7);

        var pairs = new (string Name, Draw First, Draw Second)[]
        {
            ("neighbouring workers", i => random.Normal(At(i), Index(i)), i => random.Normal(At(i) with { Worker = At(i).Worker + 1 }, Index(i))),
            ("neighbouring steps", i => random.Normal(At(i), Index(i)), i => random.Normal(At(i) with { Step = At(i).Step + 1 }, Index(i))),
            ("neighbouring replicates", i => random.Normal(At(i), Index(i)), i => random.Normal(At(i) with { Replicate = At(i).Replicate + 1 }, Index(i))),
            ("indices 2k, 2k+1 (one block)", i => random.Normal(At(i), Index(i)), i => random.Normal(At(i), Index(i) + 1)),
            ("indices 2k+1, 2k+2 (adjacent blocks)", i => random.Normal(At(i), Index(i) + 1), i => random.Normal(At(i), Index(i) + 2)),
            ("streams 1 and 2", i => random.Normal(At(i), Index(i)), i => otherStream.Normal(At(i), Index(i))),
            ("seeds s and s+1", i => random.Normal(At(i), Index(i)), i => nextSeed.Normal(At(i), Index(i))),
            // Same address and index on two purposes (within one stream they would share a block, by contract).
            ("gradient normal and row-sampling uniform", i => random.Normal(At(i), Index(i)), i => rowSampling.Uniform(At(i), Index(i))),
        };
        double z = GoodnessOfFit.TwoSidedCritical(1e-6 / (2 * pairs.Length));
        double bound = z / Math.Sqrt(N);
        var first = new double[N];
        var second = new double[N];
        foreach (var pair in pairs)
        {
            for (int i = 0; i < N; i++)
            {
                first[i] = pair.First(i);
                second[i] = pair.Second(i);
            }
            double values = GoodnessOfFit.Correlation(first, second);
            double squares = GoodnessOfFit.Correlation(first.Select(v => v * v).ToArray(), second.Select(v => v * v).ToArray());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pair.Name}: corr {values:F5}, corr of squares {squares:F5} (bound {bound:F5})"));
            Assert.True(Math.Abs(values) <= bound && Math.Abs(squares) <= bound, string.Create(CultureInfo.InvariantCulture,
                $"{pair.Name}: correlation {values:F5}, of squares {squares:F5}, bound ±{bound:F5} " +
                $"(false-fail rate 1e-6 per test; master seed {MasterSeed})."));
        }
    }
}
