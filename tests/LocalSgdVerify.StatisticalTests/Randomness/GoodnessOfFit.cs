using MathNet.Numerics.Distributions;

namespace LocalSgdVerify.StatisticalTests.Randomness;

/// <summary>Test statistics and p-values for the generator checks.</summary>
internal static class GoodnessOfFit
{
    /// <summary>
    /// One-sample Kolmogorov–Smirnov p-value of <paramref name="sample"/> (sorted in place) against the continuous
    /// CDF <paramref name="cdf"/>: D = sup |F_n − F|, λ = (√n + 0.12 + 0.11/√n)·D (Stephens' finite-n correction),
    /// p = Q_KS(λ) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²λ²) (Kolmogorov's limiting distribution).
    /// </summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        Array.Sort(sample);
        int n = sample.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sample[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        double root = Math.Sqrt(n);
        double lambda = (root + 0.12 + 0.11 / root) * d;
        return (d, KolmogorovTail(lambda));
    }

    /// <summary>Q_KS(λ) = P(K &gt; λ) for the Kolmogorov distribution; 1 for λ below 0.2 where the series is slow and Q ≈ 1.</summary>
    public static double KolmogorovTail(double lambda)
    {
        if (lambda < 0.2)
        {
            return 1;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-18)
            {
                break;
            }
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>Pearson's χ² statistic and its upper-tail p-value with (cells − 1) degrees of freedom.</summary>
    public static (double Statistic, double PValue) ChiSquare(long[] observed, double[] expected)
    {
        double statistic = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double difference = observed[i] - expected[i];
            statistic += difference * difference / expected[i];
        }
        return (statistic, 1 - ChiSquared.CDF(observed.Length - 1, statistic));
    }

    /// <summary>The two-sided critical value z with P(|Z| &gt; z) = <paramref name="alpha"/> for a standard normal Z.</summary>
    public static double TwoSidedCritical(double alpha) => -Normal.InvCDF(0, 1, alpha / 2);

    /// <summary>Pearson correlation of two equally long samples.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double meanX = 0, meanY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= x.Length;
        meanY /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
