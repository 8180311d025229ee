using System.Globalization;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Randomness;

/// <summary>
/// Uniform() follows U[0, 1) (Kolmogorov–Smirnov) and UniformInteger() gives every value in [0, count) with equal
/// probability (χ² on the values, on their residues and on their leading part). Fixed master seed; false-fail rate
/// ≤ 1e-6 per test.
/// </summary>
public class UniformDistributionTests(ITestOutputHelper output)
{
    private const ulong MasterSeed = 31_415_926;
    private const int N = 1_000_000;

    private static NoiseAddress At(int i) => new(i / 100_000, i / 1000 % 100, i / 10 % 100);

    [Fact]
    public void UniformPassesKolmogorovSmirnov()
    {
        var random = new CounterBasedRandom(MasterSeed, NoiseStreams.RowSampling);
        var u = new double[N];
        for (int i = 0; i < N; i++)
        {
            u[i] = random.Uniform(At(i), i % 10);
        }
        Assert.All(u, v => Assert.InRange(v, 0.0, Math.BitDecrement(1.0)));
        (double d, double p) = GoodnessOfFit.KolmogorovSmirnov(u, v => v);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KS: D = {d:G4}, p = {p:G4}"));
        // p is uniform under H0: p < 1e-6 happens to a correct generator with probability 1e-6.
        Assert.True(p >= 1e-6, string.Create(CultureInfo.InvariantCulture,
            $"KS rejects U[0,1): D = {d:G4}, p = {p:G4} (false-fail rate 1e-6; master seed {MasterSeed})."));
    }

    [Fact]
    public void UniformIntegersAreEquallyLikely()
    {
        // Five χ² checks at α = 2e-7 each (Bonferroni: false-fail rate ≤ 1e-6):
        // count 10, count 7, count 1000 (values), count 2^31 − 1 by residue mod 100 and by leading part (value / 21474837).
        const int large = int.MaxValue;
        var checks = new (string Name, int Count, int Cells, Func<int, int> Cell, Func<int, double> Probability)[]
        {
            ("count 10", 10, 10, v => v, _ => 0.1),
            ("count 7", 7, 7, v => v, _ => 1.0 / 7),
            ("count 1000", 1000, 1000, v => v, _ => 1e-3),
            // 2^31 − 1 = 100·21474836 + 47: residues 0..46 have one value more than residues 47..99.
            ("count 2^31−1, value mod 100", large, 100, v => v % 100, c => (c < 47 ? 21474837.0 : 21474836.0) / large),
            // 99 cells of 21474837 values and a last one of 2^31 − 1 − 99·21474837 = 21474784.
            ("count 2^31−1, value / 21474837", large, 100, v => v / 21474837, c => (c < 99 ? 21474837.0 : 21474784.0) / large),
        };
        double alpha = 1e-6 / checks.Length;
        var random = new CounterBasedRandom(MasterSeed + 1, NoiseStreams.RowSampling);
        foreach (var check in checks)
        {
            var observed = new long[check.Cells];
            for (int i = 0; i < N; i++)
            {
                int value = random.UniformInteger(At(i), i % 10, check.Count);
                Assert.InRange(value, 0, check.Count - 1);
                observed[check.Cell(value)]++;
            }
            double[] expected = Enumerable.Range(0, check.Cells).Select(c => N * check.Probability(c)).ToArray();
            (double statistic, double p) = GoodnessOfFit.ChiSquare(observed, expected);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{check.Name}: χ² = {statistic:F1} on {check.Cells - 1} df, p = {p:G4}"));
            Assert.True(p >= alpha, string.Create(CultureInfo.InvariantCulture,
                $"{check.Name}: χ² = {statistic:F1}, p = {p:G4} < {alpha:G3} (false-fail rate 1e-6 per test; master seed {MasterSeed + 1})."));
        }
    }
}
