using System.Globalization;
using MathNet.Numerics;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Statistics;

/// <summary>What a coverage experiment may conclude about an interval construction.</summary>
internal enum CoverageKind
{
    /// <summary>Coverage is exactly nominal under the simulated model: two-sided binomial band.</summary>
    Exact,

    /// <summary>Coverage is at least nominal by theorem (distribution-free bounds): one-sided lower band.</summary>
    Conservative,

    /// <summary>Coverage tends to nominal as n grows: two-sided band about nominal ± a stated small-sample allowance.</summary>
    Asymptotic,
}

/// <summary>
/// Monte Carlo coverage of an interval construction with a stated false-fail rate: repeat the experiment
/// <see cref="Repetitions"/> times from a fixed seed, count how often the interval covers the known truth, and accept
/// when the count lies in a binomial acceptance region whose probability under the stated coverage is at least
/// 1 − <see cref="FalseFailRate"/>.
/// </summary>
internal static class CoverageCheck
{
    /// <summary>
    /// False-fail rate of each coverage assertion (the region holds the count with probability ≥ 1 − 1e-6). The
    /// folder makes 35 such assertions, so a correct implementation fails one of them with probability ≤ 3.5e-5.
    /// </summary>
    internal const double FalseFailRate = 1e-6;

    /// <summary>Repetitions per experiment.</summary>
    internal const int Repetitions = 4000;

    /// <summary>Master seed of this folder's experiments; each experiment adds its own offset.</summary>
    internal const int MasterSeed = 20240601;

    /// <summary>
    /// Runs <paramref name="covers"/> <see cref="Repetitions"/> times on one seeded stream, prints the coverage,
    /// and asserts it against the acceptance region for <paramref name="kind"/>.
    /// </summary>
    /// <returns>The measured coverage.</returns>
    internal static double Run(
        ITestOutputHelper output,
        string name,
        int seedOffset,
        Func<Random, bool> covers,
        CoverageKind kind,
        double nominal,
        double allowance = 0)
    {
        int seed = MasterSeed + seedOffset;
        var random = new Random(seed);
        int covered = 0;
        for (int repetition = 0; repetition < Repetitions; repetition++)
        {
            if (covers(random))
            {
                covered++;
            }
        }

        var (low, high) = AcceptanceCounts(kind, nominal, allowance);
        double coverage = covered / (double)Repetitions;
        string allowanceText = kind == CoverageKind.Asymptotic
            ? string.Create(CultureInfo.InvariantCulture, $" ± allowance {allowance:F3}")
            : string.Empty;
        string report = string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: coverage {coverage:F4} ({covered}/{Repetitions}), nominal {nominal:F3}, {kind}{allowanceText}, " +
            $"accept counts [{low}, {high}] at false-fail rate {FalseFailRate:G2}, seed {seed}");
        output.WriteLine(report);
        Assert.True(covered >= low && covered <= high, "Coverage outside the acceptance region: " + report);
        return coverage;
    }

    /// <summary>
    /// Acceptance region [low, high] for the covered count C ~ Binomial(N, p):
    /// conservative — low = largest c with P(C ≤ c − 1) ≤ φ at p = nominal (any p ≥ nominal is then accepted with
    /// probability ≥ 1 − φ), high = N; exact — φ/2 in each tail at p = nominal; asymptotic — φ/2 in each tail at
    /// p = nominal − allowance (low) and p = nominal + allowance (high).
    /// </summary>
    internal static (int Low, int High) AcceptanceCounts(CoverageKind kind, double nominal, double allowance)
    {
        int count = Repetitions;
        return kind switch
        {
            CoverageKind.Conservative => (LowestAccepted(count, nominal, FalseFailRate), count),
            CoverageKind.Exact => (LowestAccepted(count, nominal, FalseFailRate / 2), HighestAccepted(count, nominal, FalseFailRate / 2)),
            _ => (LowestAccepted(count, nominal - allowance, FalseFailRate / 2),
                nominal + allowance >= 1 ? count : HighestAccepted(count, nominal + allowance, FalseFailRate / 2)),
        };
    }

    /// <summary>Largest c with P(C ≤ c − 1) ≤ tail, C ~ Binomial(n, p).</summary>
    internal static int LowestAccepted(int count, double probability, double tail)
    {
        int accepted = 0;
        while (accepted < count && AtMost(count, probability, accepted) <= tail)
        {
            accepted++;
        }
        return accepted;
    }

    /// <summary>Smallest c with P(C ≥ c + 1) ≤ tail.</summary>
    internal static int HighestAccepted(int count, double probability, double tail)
    {
        int accepted = count;
        while (accepted > 0 && AtLeast(count, probability, accepted) <= tail)
        {
            accepted--;
        }
        return accepted;
    }

    /// <summary>P(C ≤ k) = I_{1−p}(n − k, k + 1).</summary>
    private static double AtMost(int count, double probability, int successes) =>
        successes >= count ? 1 : SpecialFunctions.BetaRegularized(count - successes, successes + 1, 1 - probability);

    /// <summary>P(C ≥ k) = I_p(k, n − k + 1).</summary>
    private static double AtLeast(int count, double probability, int successes) =>
        successes <= 0 ? 1 : SpecialFunctions.BetaRegularized(successes, count - successes + 1, probability);
}
