using System.Globalization;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Dvoretzky–Kiefer–Wolfowitz–Massart confidence band for a distribution function: with probability at least
/// 1 − α, sup_x |F_n(x) − F(x)| ≤ ε with ε = √(ln(2/α) / (2n)) (Massart 1990, tight constant; valid for every F and
/// every α ≤ 1). Distribution-free.
/// </summary>
public sealed class CdfBand
{
    private readonly double[] sorted;

    private CdfBand(double[] sorted, double epsilon, double level)
    {
        this.sorted = sorted;
        Epsilon = epsilon;
        Level = level;
    }

    /// <summary>Half-width ε = √(ln(2/α) / (2n)) of the band.</summary>
    public double Epsilon { get; }

    /// <summary>Confidence level 1 − α.</summary>
    public double Level { get; }

    /// <summary>Sample size n.</summary>
    public int Count => sorted.Length;

    /// <summary>The assumption written into reports.</summary>
    public string Assumption => string.Create(
        CultureInfo.InvariantCulture, $"independent, identically distributed samples (distribution-free, DKWM), n = {Count}");

    /// <summary>ε = √(ln(2/α) / (2n)) for n samples at confidence level 1 − α.</summary>
    public static double HalfWidth(int count, double level)
    {
        Require.Count(count, 1, nameof(count), "a distribution function band needs a value");
        Require.OpenUnitInterval(level, nameof(level));
        return Math.Sqrt(Math.Log(2 / (1 - level)) / (2.0 * count));
    }

    /// <summary>Builds the band from a sample of at least one finite value.</summary>
    public static CdfBand Dkwm(ReadOnlySpan<double> values, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        Require.Count(values.Length, 1, nameof(values), "a distribution function band needs a value");
        Require.AllFinite(values, nameof(values));
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return new CdfBand(sorted, HalfWidth(sorted.Length, level), level);
    }

    /// <summary>Empirical distribution function F_n(x) = #{i : xᵢ ≤ x} / n.</summary>
    public double Empirical(double value) => CountAtMost(value) / (double)sorted.Length;

    /// <summary>Lower edge max(F_n(x) − ε, 0).</summary>
    public double Lower(double value) => Math.Max(Empirical(value) - Epsilon, 0);

    /// <summary>Upper edge min(F_n(x) + ε, 1).</summary>
    public double Upper(double value) => Math.Min(Empirical(value) + Epsilon, 1);

    /// <summary>
    /// Kolmogorov distance sup_x |F_n(x) − F(x)| to a continuous distribution function F, exactly: the supremum is
    /// attained next to an order statistic, so it is max_i max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n).
    /// </summary>
    public double DistanceTo(Func<double, double> continuousDistributionFunction)
    {
        ArgumentNullException.ThrowIfNull(continuousDistributionFunction);
        double count = sorted.Length;
        double distance = 0;
        for (int index = 0; index < sorted.Length; index++)
        {
            double probability = continuousDistributionFunction(sorted[index]);
            distance = Math.Max(distance, Math.Max((index + 1) / count - probability, probability - index / count));
        }
        return distance;
    }

    /// <summary>True when the continuous distribution function lies inside the band everywhere.</summary>
    public bool Contains(Func<double, double> continuousDistributionFunction) =>
        DistanceTo(continuousDistributionFunction) <= Epsilon;

    /// <summary>The k-th order statistic x₍ₖ₎, 1 ≤ k ≤ n.</summary>
    internal double OrderStatistic(int rank) => sorted[rank - 1];

    private int CountAtMost(double value)
    {
        // Upper bound: the first index whose value exceeds the argument.
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
