using System.Globalization;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// A two-sided confidence interval [<see cref="Low"/>, <see cref="High"/>] for one quantity, together with the point
/// estimate it was built around, its confidence <see cref="Level"/>, the <see cref="Method"/> that produced it and the
/// <see cref="Assumption"/> under which its coverage holds (written verbatim into reports).
/// </summary>
/// <remarks>
/// An end may be infinite: a one-sided bound, an order-statistic interval from a sample too small to reach the
/// quantile, or an unbounded Fieller set reported by its hull. An unbounded interval can never lead to a pass.
/// Every interval is two-sided with α/2 in each tail, where α = 1 − <see cref="Level"/>; using one for a one-sided
/// assertion therefore spends only α/2 of the assertion's false-fail share (conservative).
/// </remarks>
public sealed record Interval
{
    /// <summary>Builds an interval after checking that Low ≤ High, that neither end is NaN, and that the level lies in (0, 1).</summary>
    /// <param name="low">Lower end (may be −∞).</param>
    /// <param name="high">Upper end (may be +∞).</param>
    /// <param name="estimate">Point estimate the interval was built around (finite).</param>
    /// <param name="level">Confidence level 1 − α, strictly between 0 and 1.</param>
    /// <param name="method">Short name of the construction, e.g. "Student t".</param>
    /// <param name="assumption">The assumption under which the coverage holds, written into the report.</param>
    public Interval(double low, double high, double estimate, double level, string method, string assumption)
    {
        if (double.IsNaN(low) || double.IsNaN(high) || !(low <= high))
        {
            throw new ArgumentException(
                $"An interval needs Low ≤ High and no NaN end, got [{NumberText.RoundTrip(low)}, {NumberText.RoundTrip(high)}] from {method}.",
                nameof(low));
        }
        Require.Finite(estimate, nameof(estimate));
        Require.OpenUnitInterval(level, nameof(level));
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(assumption);
        Low = low;
        High = high;
        Estimate = estimate;
        Level = level;
        Method = method;
        Assumption = assumption;
    }

    /// <summary>Lower end of the interval.</summary>
    public double Low { get; }

    /// <summary>Upper end of the interval.</summary>
    public double High { get; }

    /// <summary>The point estimate (sample mean, ratio of means, fitted slope, sample quantile, …).</summary>
    public double Estimate { get; }

    /// <summary>Confidence level 1 − α: the probability, under <see cref="Assumption"/>, that the interval covers the true value.</summary>
    public double Level { get; }

    /// <summary>Name of the construction, e.g. "Student t", "Hoeffding", "Fieller".</summary>
    public string Method { get; }

    /// <summary>The assumption under which the stated coverage holds, e.g. "normal sampling distribution of the mean (CLT), n = 400".</summary>
    public string Assumption { get; }

    /// <summary>Width High − Low (+∞ for an unbounded interval).</summary>
    public double Width => High - Low;

    /// <summary>Half of <see cref="Width"/>.</summary>
    public double HalfWidth => 0.5 * (High - Low);

    /// <summary>True when both ends are finite.</summary>
    public bool IsBounded => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>Closed-interval membership: Low ≤ value ≤ High.</summary>
    public bool Contains(double value) => Low <= value && value <= High;

    /// <summary>"estimate [low, high]" in <see cref="NumberText.Compact"/> form, as claims write intervals into their evidence.</summary>
    public string ToCompactString() => $"{NumberText.Compact(Estimate)} [{NumberText.Compact(Low)}, {NumberText.Compact(High)}]";

    /// <summary>Invariant-culture rendering for reports, e.g. "2.1 [1.9, 2.3] (95% Student t)".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Estimate:G6} [{Low:G6}, {High:G6}] ({Level * 100:G6}% {Method})");
}
