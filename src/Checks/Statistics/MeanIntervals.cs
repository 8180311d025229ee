using System.Globalization;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Two-sided confidence intervals for the mean of independent, identically distributed samples. Each tail gets
/// α/2 where α = 1 − level.
/// </summary>
/// <remarks>
/// Choose by what is known about the samples (claims.md §6): when they are bounded in a known [a, b], use the
/// distribution-free <see cref="Hoeffding"/> or, when their variance is small compared with (b − a)²,
/// <see cref="EmpiricalBernstein"/>; otherwise <see cref="StudentT(ReadOnlySpan{double}, double)"/> (exact for normal samples, asymptotically
/// valid by the central limit theorem) with its assumption written into the report.
/// </remarks>
public static class MeanIntervals
{
    /// <summary>
    /// Student t interval x̄ ± t_{1−α/2, n−1} · s/√n (Student 1908). Exact when the samples are normal; otherwise
    /// it relies on an approximately normal sampling distribution of the mean. Needs n ≥ 2.
    /// </summary>
    public static Interval StudentT(ReadOnlySpan<double> values, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        var summary = SampleSummary.Of(values);
        return StudentT(summary, level);
    }

    /// <summary>Student t interval from an already computed summary (see <see cref="StudentT(ReadOnlySpan{double}, double)"/>).</summary>
    public static Interval StudentT(SampleSummary summary, double level)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Require.OpenUnitInterval(level, nameof(level));
        int count = summary.Count;
        double critical = CriticalValues.StudentT(count - 1, (1 - level) / 2);
        double halfWidth = critical * summary.StandardError;
        return new Interval(
            summary.Mean - halfWidth,
            summary.Mean + halfWidth,
            summary.Mean,
            level,
            "Student t",
            string.Create(
                CultureInfo.InvariantCulture,
                $"approximately normal sampling distribution of the mean (Student t, {count - 1} degrees of freedom), n = {count}"));
    }

    /// <summary>
    /// Normal (z) interval x̄ ± z_{1−α/2} · s/√n. Relies on the central limit theorem and on s being close to σ, so
    /// it under-covers at small n; prefer <see cref="StudentT(ReadOnlySpan{double}, double)"/> unless n is large.
    /// </summary>
    public static Interval Normal(ReadOnlySpan<double> values, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        var summary = SampleSummary.Of(values);
        double halfWidth = CriticalValues.Normal((1 - level) / 2) * summary.StandardError;
        return new Interval(
            summary.Mean - halfWidth,
            summary.Mean + halfWidth,
            summary.Mean,
            level,
            "normal (z)",
            string.Create(
                CultureInfo.InvariantCulture,
                $"normal sampling distribution of the mean (CLT), n = {summary.Count}"));
    }

    /// <summary>
    /// Hoeffding interval x̄ ± (b − a)·√(ln(2/α) / (2n)) for samples known to lie in [a, b] (Hoeffding 1963,
    /// Theorem 2, applied to each tail at α/2), clipped to [a, b] because the mean lies there. Distribution-free;
    /// needs n ≥ 1 and throws if a sample lies outside the declared range.
    /// </summary>
    public static Interval Hoeffding(ReadOnlySpan<double> values, double lower, double upper, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        Require.Range(lower, upper, nameof(lower), nameof(upper));
        Require.Count(values.Length, 1, nameof(values), "a mean needs a value");
        Require.AllWithin(values, lower, upper, nameof(values));
        int count = values.Length;
        double mean = CompensatedSum.Mean(values);
        double halfWidth = HoeffdingHalfWidth(count, lower, upper, level);
        return new Interval(
            Math.Max(lower, mean - halfWidth),
            Math.Min(upper, mean + halfWidth),
            mean,
            level,
            "Hoeffding",
            string.Create(
                CultureInfo.InvariantCulture,
                $"independent samples in [{lower:G6}, {upper:G6}] (distribution-free), n = {count}"));
    }

    /// <summary>The unclipped Hoeffding half-width (b − a)·√(ln(2/α) / (2n)).</summary>
    public static double HoeffdingHalfWidth(int count, double lower, double upper, double level)
    {
        Require.Count(count, 1, nameof(count), "a mean needs a value");
        Require.Range(lower, upper, nameof(lower), nameof(upper));
        Require.OpenUnitInterval(level, nameof(level));
        return (upper - lower) * Math.Sqrt(Math.Log(2 / (1 - level)) / (2.0 * count));
    }

    /// <summary>
    /// Empirical-Bernstein interval for samples in [a, b] (Maurer &amp; Pontil 2009, Theorem 4, each tail at α/2):
    /// x̄ ± [√(2 s² ln(4/α) / n) + 7 (b − a) ln(4/α) / (3 (n − 1))], with s² the unbiased sample variance, clipped
    /// to [a, b]. Distribution-free and much tighter than Hoeffding when s ≪ b − a and n is large. Needs n ≥ 2.
    /// </summary>
    public static Interval EmpiricalBernstein(ReadOnlySpan<double> values, double lower, double upper, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        Require.Range(lower, upper, nameof(lower), nameof(upper));
        Require.Count(values.Length, 2, nameof(values), "the empirical-Bernstein bound needs a sample variance");
        Require.AllWithin(values, lower, upper, nameof(values));
        var summary = SampleSummary.Of(values);
        int count = summary.Count;
        double logTerm = Math.Log(4 / (1 - level));
        double halfWidth = Math.Sqrt(2 * summary.Variance * logTerm / count)
            + 7 * (upper - lower) * logTerm / (3.0 * (count - 1));
        return new Interval(
            Math.Max(lower, summary.Mean - halfWidth),
            Math.Min(upper, summary.Mean + halfWidth),
            summary.Mean,
            level,
            "empirical Bernstein",
            string.Create(
                CultureInfo.InvariantCulture,
                $"independent samples in [{lower:G6}, {upper:G6}] (distribution-free, Maurer–Pontil), n = {count}"));
    }
}
