using LocalSgdVerify.Model.Text;
using System.Globalization;
using MathNet.Numerics;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Distribution-free confidence intervals for a quantile q_p = inf{x : F(x) ≥ p}, valid for every distribution
/// (continuous or not). Ends the sample cannot reach are reported as the declared support bounds (±∞ by default).
/// </summary>
public static class QuantileIntervals
{
    /// <summary>
    /// Binomial order-statistic interval [x₍ₗ₎, x₍ᵤ₎] (Thompson 1936; David &amp; Nagaraja, Order Statistics §7.1), the
    /// default: l is the largest rank with P(B ≤ l − 1) ≤ α/2 and u the smallest rank with P(B ≥ u) ≤ α/2, where
    /// B ~ Binomial(n, p). Then P(q_p &lt; x₍ₗ₎) ≤ P(B ≤ l − 1) and P(q_p &gt; x₍ᵤ₎) ≤ P(B ≥ u), so coverage ≥ 1 − α for
    /// any F. The point estimate is the sample quantile x₍⌈np⌉₎.
    /// </summary>
    public static Interval OrderStatistic(
        ReadOnlySpan<double> values,
        double probability,
        double level,
        double supportLow = double.NegativeInfinity,
        double supportHigh = double.PositiveInfinity)
    {
        double[] sorted = SortedChecked(values, probability, level, supportLow, supportHigh);
        int count = sorted.Length;
        double tail = (1 - level) / 2;

        // P(B ≤ k − 1) = I_{1−p}(n − k + 1, k) rises with k; find the largest k in [0, n] where it stays ≤ α/2.
        int lowRank = LargestRank(count, rank => rank == 0 || BinomialAtMost(count, probability, rank - 1) <= tail);
        // P(B ≥ k) = I_p(k, n − k + 1) falls with k; find the smallest k in [1, n + 1] where it is ≤ α/2.
        int highRank = SmallestRank(count, rank => rank == count + 1 || BinomialAtLeast(count, probability, rank) <= tail);

        double low = lowRank == 0 ? supportLow : sorted[lowRank - 1];
        double high = highRank == count + 1 ? supportHigh : sorted[highRank - 1];
        return new Interval(
            low,
            high,
            SampleQuantile(sorted, probability),
            level,
            "binomial order statistic",
            string.Create(
                CultureInfo.InvariantCulture,
                $"independent, identically distributed samples (distribution-free), quantile p = {probability:G6}, n = {count}, ranks [{lowRank}, {highRank}]"));
    }

    /// <summary>Order-statistic interval for the median (p = ½); see <see cref="OrderStatistic"/>.</summary>
    public static Interval Median(
        ReadOnlySpan<double> values,
        double level,
        double supportLow = double.NegativeInfinity,
        double supportHigh = double.PositiveInfinity) =>
        OrderStatistic(values, 0.5, level, supportLow, supportHigh);

    /// <summary>
    /// Quantile interval read off the DKWM band (<see cref="CdfBand"/>): [x₍⌈n(p − ε)⌉₎, x₍⌈n(p + ε)⌉₎], where a rank
    /// below 1 or above n becomes the support bound. Wider than <see cref="OrderStatistic"/> for one quantile, but the
    /// band holds for all quantiles at once.
    /// </summary>
    public static Interval Dkwm(
        ReadOnlySpan<double> values,
        double probability,
        double level,
        double supportLow = double.NegativeInfinity,
        double supportHigh = double.PositiveInfinity)
    {
        double[] sorted = SortedChecked(values, probability, level, supportLow, supportHigh);
        int count = sorted.Length;
        double epsilon = CdfBand.HalfWidth(count, level);

        // F ≥ F_n − ε: at x₍ₖ₎ with k/n ≥ p + ε, F(x₍ₖ₎) ≥ p, so q_p ≤ x₍ₖ₎.
        double upperRank = Math.Ceiling(count * (probability + epsilon));
        if (upperRank / count - epsilon < probability)
        {
            upperRank += 1; // rounding in n(p + ε) must never make the interval narrower than the band allows
        }
        // F ≤ F_n + ε: below x₍ₖ₎, F_n ≤ (k − 1)/n; with (k − 1)/n + ε < p, F < p there, so q_p ≥ x₍ₖ₎.
        double lowerRank = Math.Ceiling(count * (probability - epsilon));
        if ((lowerRank - 1) / count + epsilon >= probability)
        {
            lowerRank -= 1;
        }
        double low = lowerRank < 1 ? supportLow : sorted[(int)lowerRank - 1];
        double high = upperRank > count ? supportHigh : sorted[(int)upperRank - 1];
        return new Interval(
            low,
            high,
            SampleQuantile(sorted, probability),
            level,
            "DKWM quantile",
            string.Create(
                CultureInfo.InvariantCulture,
                $"independent, identically distributed samples (distribution-free, DKWM), quantile p = {probability:G6}, n = {count}"));
    }

    /// <summary>Sample quantile x₍⌈np⌉₎ (the empirical inverse distribution function), rank clamped to [1, n].</summary>
    internal static double SampleQuantile(double[] sorted, double probability)
    {
        int rank = (int)Math.Ceiling(sorted.Length * probability);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>P(B ≤ k) for B ~ Binomial(n, p), via I_{1−p}(n − k, k + 1); 1 when k ≥ n.</summary>
    internal static double BinomialAtMost(int count, double probability, int successes) =>
        successes >= count ? 1 : SpecialFunctions.BetaRegularized(count - successes, successes + 1, 1 - probability);

    /// <summary>P(B ≥ k) for B ~ Binomial(n, p), via I_p(k, n − k + 1); 1 when k ≤ 0.</summary>
    internal static double BinomialAtLeast(int count, double probability, int successes) =>
        successes <= 0 ? 1 : successes > count ? 0 : SpecialFunctions.BetaRegularized(successes, count - successes + 1, probability);

    private static double[] SortedChecked(
        ReadOnlySpan<double> values, double probability, double level, double supportLow, double supportHigh)
    {
        Require.OpenUnitInterval(probability, nameof(probability));
        Require.OpenUnitInterval(level, nameof(level));
        Require.Count(values.Length, 1, nameof(values), "a quantile needs a value");
        Require.AllFinite(values, nameof(values));
        if (double.IsNaN(supportLow) || double.IsNaN(supportHigh) || !(supportLow < supportHigh))
        {
            throw new ArgumentException(
                $"supportLow must be below supportHigh, got [{NumberText.RoundTrip(supportLow)}, {NumberText.RoundTrip(supportHigh)}].",
                nameof(supportHigh));
        }
        Require.AllWithin(values, supportLow, supportHigh, nameof(values));
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Largest rank in [0, n] satisfying a predicate that holds on a prefix.</summary>
    private static int LargestRank(int count, Func<int, bool> holds)
    {
        int low = 0;
        int high = count;
        while (low < high)
        {
            int middle = low + (high - low + 1) / 2;
            if (holds(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    /// <summary>Smallest rank in [1, n + 1] satisfying a predicate that holds on a suffix.</summary>
    private static int SmallestRank(int count, Func<int, bool> holds)
    {
        int low = 1;
        int high = count + 1;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            if (holds(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return low;
    }
}
