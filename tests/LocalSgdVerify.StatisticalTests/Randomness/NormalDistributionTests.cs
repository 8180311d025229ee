using System.Globalization;
using LocalSgdVerify.Model.Randomness;
using MathNet.Numerics.Distributions;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Randomness;

/// <summary>
/// The generator's normals have the N(0, 1) law: moments, Kolmogorov–Smirnov, equiprobable-bin χ² and tail
/// frequencies. Fixed master seed; each test's false-fail rate (the chance a correct generator fails it for a
/// random seed) is at most 1e-6, stated with its derivation and printed on failure.
/// </summary>
public class NormalDistributionTests(ITestOutputHelper output)
{
    private const ulong MasterSeed = 20240611;
    private const double FalseFailRate = 1e-6;

    /// <summary>10^6 normals over 10 replicates × 10 workers × 100 steps × 100 indices.</summary>
    internal static double[] Sample(ulong seed, uint stream, int perAddress = 100, int replicates = 10, int workers = 10, int steps = 100)
    {
        var random = new CounterBasedRandom(seed, stream);
        var values = new double[replicates * workers * steps * perAddress];
        int offset = 0;
        for (int r = 0; r < replicates; r++)
        {
            for (int w = 0; w < workers; w++)
            {
                for (int t = 0; t < steps; t++)
                {
                    random.FillNormals(new NoiseAddress(r, w, t), values.AsSpan(offset, perAddress));
                    offset += perAddress;
                }
            }
        }
        return values;
    }

    [Fact]
    public void MeanVarianceSkewnessAndKurtosisMatchTheStandardNormal()
    {
        double[] x = Sample(MasterSeed, NoiseStreams.GradientNoise);
        int n = x.Length;
        double mean = x.Average();
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double variance = m2 * n / (n - 1);
        double skewness = m3 / Math.Pow(m2, 1.5);
        double excessKurtosis = m4 / (m2 * m2) - 3;

        // Sampling distributions under N(0,1), n = 10^6 (asymptotically normal; the Edgeworth correction to the
        // tail at z ≈ 5 is a few per cent for the kurtosis and less for the others):
        // mean ~ N(0, 1/n), variance ~ N(1, 2/n), skewness ~ N(0, 6/n), excess kurtosis ~ N(0, 24/n).
        // Four two-sided checks at α = 2.5e-7 each: false-fail rate ≤ 1e-6 (Bonferroni).
        double z = GoodnessOfFit.TwoSidedCritical(FalseFailRate / 4);
        var checks = new (string Name, double Value, double Expected, double StandardError)[]
        {
            ("mean", mean, 0, Math.Sqrt(1.0 / n)),
            ("variance", variance, 1, Math.Sqrt(2.0 / n)),
            ("skewness", skewness, 0, Math.Sqrt(6.0 / n)),
            ("excess kurtosis", excessKurtosis, 0, Math.Sqrt(24.0 / n)),
        };
        foreach (var check in checks)
        {
            double score = (check.Value - check.Expected) / check.StandardError;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{check.Name}: {check.Value:G6} (z = {score:F2}, bound {z:F2})"));
            Assert.True(Math.Abs(score) <= z, string.Create(CultureInfo.InvariantCulture,
                $"{check.Name} = {check.Value:G6} is {score:F2} standard errors from {check.Expected}; bound ±{z:F2} " +
                $"(false-fail rate 1e-6 per test; master seed {MasterSeed}, stream {NoiseStreams.GradientNoise})."));
        }
    }

    [Fact]
    public void KolmogorovSmirnovDoesNotRejectTheStandardNormal()
    {
        double[] x = Sample(MasterSeed + 1, NoiseStreams.GradientNoise);
        (double d, double p) = GoodnessOfFit.KolmogorovSmirnov(x, v => Normal.CDF(0, 1, v));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"KS: n = {x.Length}, D = {d:G4}, p = {p:G4}"));
        // Under H0 the p-value is uniform, so rejecting at p < 1e-6 fails a correct generator with probability 1e-6.
        Assert.True(p >= FalseFailRate, string.Create(CultureInfo.InvariantCulture,
            $"KS rejects N(0,1): D = {d:G4}, p = {p:G4} < 1e-6 (false-fail rate 1e-6; master seed {MasterSeed + 1})."));
    }

    [Fact]
    public void EquiprobableBinsAndTailsMatchTheStandardNormal()
    {
        // 10^7 normals: 1000 bins equiprobable under Φ (χ², 999 degrees of freedom) and the counts beyond ±4 and ±5,
        // which are the part of Box–Muller that the logarithm of tiny u1 produces. Three checks at α = 1e-6/3.
        double[] x = Sample(MasterSeed + 2, NoiseStreams.GradientNoise, perAddress: 1000);
        const int bins = 1000;
        var observed = new long[bins];
        long beyondFour = 0, beyondFive = 0;
        foreach (double v in x)
        {
            int bin = Math.Min(bins - 1, (int)(Normal.CDF(0, 1, v) * bins));
            observed[bin]++;
            if (Math.Abs(v) > 4) beyondFour++;
            if (Math.Abs(v) > 5) beyondFive++;
        }
        double alpha = FalseFailRate / 3;
        var expected = Enumerable.Repeat((double)x.Length / bins, bins).ToArray();
        (double chiSquare, double p) = GoodnessOfFit.ChiSquare(observed, expected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"χ² = {chiSquare:F1} on 999 df, p = {p:G4}; |x|>4: {beyondFour}, |x|>5: {beyondFive}"));
        Assert.True(p >= alpha, string.Create(CultureInfo.InvariantCulture,
            $"binned χ² = {chiSquare:F1}, p = {p:G4} < {alpha:G3} (false-fail rate 1e-6 per test; master seed {MasterSeed + 2})."));

        foreach ((long count, double threshold) in new[] { (beyondFour, 4.0), (beyondFive, 5.0) })
        {
            double mean = x.Length * 2 * Normal.CDF(0, 1, -threshold);
            var poisson = new Poisson(mean);
            double lower = poisson.CumulativeDistribution(count);
            double upper = 1 - poisson.CumulativeDistribution(count - 1);
            double pTwoSided = Math.Min(1, 2 * Math.Min(lower, upper));
            Assert.True(pTwoSided >= alpha, string.Create(CultureInfo.InvariantCulture,
                $"{count} values beyond ±{threshold}, expected {mean:F1} (Poisson two-sided p = {pTwoSided:G4} < {alpha:G3}; " +
                $"false-fail rate 1e-6 per test; master seed {MasterSeed + 2})."));
        }
    }
}
