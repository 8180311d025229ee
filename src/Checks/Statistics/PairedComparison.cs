using LocalSgdVerify.Model.Text;
using System.Globalization;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Comparisons of two quantities measured on the same replicates (common random numbers): pairs (xᵢ, yᵢ) that are
/// independent across i but may be correlated within a pair. Pairing cancels the shared noise, so intervals are
/// built from the per-pair covariance rather than from two independent samples.
/// </summary>
public static class PairedComparison
{
    /// <summary>
    /// Interval for the ratio of means E[x]/E[y], by the default method, <see cref="RatioOfMeansFieller"/>: it is
    /// exact for bivariate normal pairs, needs no sign assumption, and reports honestly when the denominator is too
    /// noisy to bound the ratio. Use <see cref="RatioOfMeansLogDelta"/> only for positive quantities whose
    /// denominator mean is many standard errors from zero, where both agree.
    /// </summary>
    public static RatioInterval RatioOfMeans(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, double level) =>
        RatioOfMeansFieller(numerator, denominator, level);

    /// <summary>
    /// Fieller's (1954) interval for R = E[x]/E[y]: the set of R with (x̄ − R ȳ)² ≤ t² (v_xx − 2R v_xy + R² v_yy), where
    /// v are the sample (co)variances divided by n and t = t_{1−α/2, n−1}. It is the set of R for which the paired
    /// t-test of dᵢ = xᵢ − R yᵢ does not reject, so it is exact when pairs are bivariate normal and asymptotically
    /// valid otherwise. Writing it as a R² + b R + c ≤ 0 with a = ȳ² − t² v_yy, b = −2(x̄ ȳ − t² v_xy),
    /// c = x̄² − t² v_xx: when a &gt; 0 (ȳ is significantly non-zero, g = t² v_yy / ȳ² &lt; 1) the set is the finite
    /// interval between the roots; when a ≤ 0 it is unbounded — two rays if the discriminant is positive, else the
    /// whole line — and is reported by its hull (−∞, +∞) so that the verdict is inconclusive. The point estimate is
    /// x̄/ȳ (0 in the degenerate case ȳ = 0, where the set is always unbounded). Needs n ≥ 2.
    /// </summary>
    public static RatioInterval RatioOfMeansFieller(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, double level)
    {
        var moments = PairMoments.Of(numerator, denominator, level);
        string assumption = string.Create(
            CultureInfo.InvariantCulture,
            $"approximately bivariate normal pair means (Fieller, t with {moments.Count - 1} degrees of freedom), n = {moments.Count} pairs");
        return Fieller(moments.NumeratorMean, moments.DenominatorMean, moments.NumeratorVariance, moments.DenominatorVariance, moments.Covariance,
            moments.Critical, level, "Fieller", assumption);
    }

    /// <summary>
    /// Fieller's set {R : (x̄ − R ȳ)² ≤ t² (v_xx − 2R v_xy + R² v_yy)} from the two means, the (co)variances of the means and
    /// the critical value t, shaped as described at <see cref="RatioOfMeansFieller"/>. Shared with the control-variate
    /// form (<see cref="ControlVariate.RatioOfMeansFieller"/>), which passes adjusted means and residual (co)variances.
    /// </summary>
    internal static RatioInterval Fieller(double numeratorMean, double denominatorMean, double numeratorVariance, double denominatorVariance,
        double covariance, double critical, double level, string method, string assumption)
    {
        double ratio = denominatorMean == 0 ? 0 : numeratorMean / denominatorMean;
        double criticalSquared = critical * critical;
        double a = denominatorMean * denominatorMean - criticalSquared * denominatorVariance;
        double b = -2 * (numeratorMean * denominatorMean - criticalSquared * covariance);
        double c = numeratorMean * numeratorMean - criticalSquared * numeratorVariance;
        double discriminant = b * b - 4 * a * c;

        if (a > 0)
        {
            // x̄/ȳ satisfies the inequality, so with a > 0 the discriminant is non-negative up to rounding.
            double root = Math.Sqrt(Math.Max(discriminant, 0));
            double q = -0.5 * (b + (b >= 0 ? root : -root));
            double first = q / a;
            double second = q != 0 ? c / q : first;
            double low = Math.Min(first, second);
            double high = Math.Max(first, second);
            // Rounding may leave the estimate a hair outside; the true set always contains it.
            low = Math.Min(low, ratio);
            high = Math.Max(high, ratio);
            return new RatioInterval(
                new Interval(low, high, ratio, level, method, assumption),
                RatioIntervalShape.Bounded,
                double.NaN,
                double.NaN);
        }

        var hull = new Interval(
            double.NegativeInfinity,
            double.PositiveInfinity,
            ratio,
            level,
            method + " (unbounded)",
            assumption + "; the denominator mean is not significantly different from zero, so the ratio is not bounded: inconclusive");
        if (a < 0 && discriminant > 0)
        {
            double root = Math.Sqrt(discriminant);
            double first = (-b - root) / (2 * a);
            double second = (-b + root) / (2 * a);
            return new RatioInterval(hull, RatioIntervalShape.OutsideInterval, Math.Min(first, second), Math.Max(first, second));
        }
        return new RatioInterval(hull, RatioIntervalShape.WholeLine, double.NaN, double.NaN);
    }

    /// <summary>
    /// Delta-method interval on the log ratio for positive means: ln R̂ ± t_{1−α/2, n−1} · se, with
    /// se² = v_xx/x̄² + v_yy/ȳ² − 2 v_xy/(x̄ ȳ) (first-order expansion of ln x̄ − ln ȳ), mapped back by exp, so the
    /// interval is always bounded and positive. Asymptotic: it assumes the relative standard errors of x̄ and ȳ
    /// are small. Throws when either sample mean is not positive.
    /// </summary>
    public static RatioInterval RatioOfMeansLogDelta(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, double level)
    {
        var moments = PairMoments.Of(numerator, denominator, level);
        if (!(moments.NumeratorMean > 0) || !(moments.DenominatorMean > 0))
        {
            throw new ArgumentException(
                $"The log-ratio delta method needs positive means, got numerator mean {NumberText.RoundTrip(moments.NumeratorMean)} " +
                $"and denominator mean {NumberText.RoundTrip(moments.DenominatorMean)}; use RatioOfMeansFieller instead.",
                nameof(denominator));
        }
        double ratio = moments.NumeratorMean / moments.DenominatorMean;
        double logStandardError = Math.Sqrt(LogRatioVariance(
            moments.NumeratorMean, moments.DenominatorMean, moments.NumeratorVariance, moments.DenominatorVariance, moments.Covariance));
        double halfWidth = moments.Critical * logStandardError;
        double logRatio = Math.Log(ratio);
        var interval = new Interval(
            Math.Exp(logRatio - halfWidth),
            Math.Exp(logRatio + halfWidth),
            ratio,
            level,
            "delta method on log ratio",
            string.Create(
                CultureInfo.InvariantCulture,
                $"approximately normal log ratio of means (delta method, t with {moments.Count - 1} degrees of freedom), n = {moments.Count} pairs"));
        return new RatioInterval(interval, RatioIntervalShape.Bounded, double.NaN, double.NaN);
    }

    /// <summary>
    /// Paired t interval for E[x − y]: the Student t interval of the differences dᵢ = xᵢ − yᵢ,
    /// d̄ ± t_{1−α/2, n−1} s_d/√n. Needs n ≥ 2.
    /// </summary>
    public static Interval MeanDifference(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double level)
    {
        Require.SameLength(first.Length, second.Length, nameof(first), nameof(second));
        Require.Count(first.Length, 2, nameof(first), "a paired t interval needs a variance of the differences");
        Require.AllFinite(first, nameof(first));
        Require.AllFinite(second, nameof(second));
        double[] differences = new double[first.Length];
        for (int index = 0; index < differences.Length; index++)
        {
            differences[index] = first[index] - second[index];
        }
        var summary = SampleSummary.Of(differences);
        var interval = MeanIntervals.StudentT(summary, level);
        return new Interval(
            interval.Low,
            interval.High,
            interval.Estimate,
            level,
            "paired t",
            string.Create(
                CultureInfo.InvariantCulture,
                $"approximately normal mean of paired differences (Student t, {summary.Count - 1} degrees of freedom), n = {summary.Count} pairs"));
    }

    /// <summary>
    /// Per-pair standard deviation of the log ratio by the delta method,
    /// √(s_x²/x̄² + s_y²/ȳ² − 2 s_xy/(x̄ ȳ)); divide by √n for the standard error of ln(x̄/ȳ). Used by
    /// <see cref="ExperimentDesign.MinimumDetectableRatioChange"/>. Needs positive means and n ≥ 2.
    /// </summary>
    public static double LogRatioStandardDeviation(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator)
    {
        var moments = PairMoments.Of(numerator, denominator, 0.5);
        if (!(moments.NumeratorMean > 0) || !(moments.DenominatorMean > 0))
        {
            throw new ArgumentException(
                $"A log ratio needs positive means, got numerator mean {NumberText.RoundTrip(moments.NumeratorMean)} " +
                $"and denominator mean {NumberText.RoundTrip(moments.DenominatorMean)}.",
                nameof(denominator));
        }
        double count = moments.Count;
        return Math.Sqrt(count * LogRatioVariance(
            moments.NumeratorMean, moments.DenominatorMean, moments.NumeratorVariance, moments.DenominatorVariance, moments.Covariance));
    }

    private static double LogRatioVariance(
        double numeratorMean, double denominatorMean, double numeratorVariance, double denominatorVariance, double covariance) =>
        Math.Max(
            0,
            numeratorVariance / (numeratorMean * numeratorMean)
            + denominatorVariance / (denominatorMean * denominatorMean)
            - 2 * covariance / (numeratorMean * denominatorMean));

    /// <summary>Means, variances and covariance of the pair means (sample moments divided by n), and t_{1−α/2, n−1}.</summary>
    private readonly record struct PairMoments(
        int Count,
        double NumeratorMean,
        double DenominatorMean,
        double NumeratorVariance,
        double DenominatorVariance,
        double Covariance,
        double Critical)
    {
        public static PairMoments Of(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, double level)
        {
            Require.OpenUnitInterval(level, nameof(level));
            Require.SameLength(numerator.Length, denominator.Length, nameof(numerator), nameof(denominator));
            Require.Count(numerator.Length, 2, nameof(numerator), "a ratio interval needs a covariance");
            Require.AllFinite(numerator, nameof(numerator));
            Require.AllFinite(denominator, nameof(denominator));
            int count = numerator.Length;
            double numeratorMean = CompensatedSum.Mean(numerator);
            double denominatorMean = CompensatedSum.Mean(denominator);
            return new PairMoments(
                count,
                numeratorMean,
                denominatorMean,
                SampleSummary.CentredVariance(numerator, numeratorMean) / count,
                SampleSummary.CentredVariance(denominator, denominatorMean) / count,
                SampleSummary.Covariance(numerator, numeratorMean, denominator, denominatorMean) / count,
                CriticalValues.StudentT(count - 1, (1 - level) / 2));
        }
    }
}
