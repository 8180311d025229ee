using MathNet.Numerics.Distributions;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// Summary of one Monte Carlo quantity over R replicates: mean, unbiased variance, standard error
/// s/√R, a Student-t confidence interval mean ± t_{1−(1−level)/2, R−1}·s/√R (assumes an approximately normal
/// sample mean; the reports state it) and the median. Sums run in replicate order with Neumaier compensation, so
/// the result is a pure function of the sample.
/// </summary>
public sealed record SampleStatistics(int Count, double Mean, double Variance, double StandardError,
    double ConfidenceLow, double ConfidenceHigh, double ConfidenceLevel, double Median)
{
    /// <summary>Summarises a sample (R ≥ 1; with R = 1 the variance and the interval are undefined: NaN and ±∞).</summary>
    public static SampleStatistics Of(ReadOnlySpan<double> sample, double confidenceLevel = 0.95)
    {
        int n = sample.Length;
        if (n == 0) throw new ArgumentException("a sample needs at least one value", nameof(sample));
        double mean = CompensatedSum(sample) / n;
        double squares = 0, compensation = 0;
        for (int i = 0; i < n; i++)
        {
            double deviation = sample[i] - mean;
            AddCompensated(ref squares, ref compensation, deviation * deviation);
        }
        double variance = n > 1 ? (squares + compensation) / (n - 1) : double.NaN;
        double standardError = n > 1 ? Math.Sqrt(variance / n) : double.NaN;
        double halfWidth = n > 1 ? StudentT.InvCDF(0, 1, n - 1, 1 - (1 - confidenceLevel) / 2) * standardError : double.PositiveInfinity;
        return new SampleStatistics(n, mean, variance, standardError, mean - halfWidth, mean + halfWidth, confidenceLevel, MedianOf(sample));
    }

    /// <summary>Neumaier-compensated sum in index order.</summary>
    public static double CompensatedSum(ReadOnlySpan<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (double value in values) AddCompensated(ref sum, ref compensation, value);
        return sum + compensation;
    }

    private static void AddCompensated(ref double sum, ref double compensation, double value)
    {
        double next = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
        sum = next;
    }

    private static double MedianOf(ReadOnlySpan<double> sample)
    {
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
