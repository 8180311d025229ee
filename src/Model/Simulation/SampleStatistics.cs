using LocalSgdVerify.Model.Statistics;

namespace LocalSgdVerify.Model.Simulation;

/// <summary>
/// What the simulator reports for one Monte Carlo quantity over R replicates: the sample's <see cref="SampleSummary"/>
/// and the Student-t confidence interval mean ± t_{1−(1−level)/2, R−1}·s/√R (<see cref="CriticalValues.StudentT"/>;
/// it assumes an approximately normal sample mean, which the reports state). A pure function of the sample.
/// </summary>
public sealed record SampleStatistics
{
    private SampleStatistics(SampleSummary summary, double confidenceLevel)
    {
        Summary = summary;
        ConfidenceLevel = confidenceLevel;
        double halfWidth = summary.Count > 1
            ? CriticalValues.StudentT(summary.Count - 1, (1 - confidenceLevel) / 2) * summary.StandardError
            : double.PositiveInfinity;
        ConfidenceLow = summary.Mean - halfWidth;
        ConfidenceHigh = summary.Mean + halfWidth;
    }

    /// <summary>Summarises a sample (R ≥ 1; with R = 1 the variance and the interval are undefined: NaN and ±∞).</summary>
    public static SampleStatistics Of(ReadOnlySpan<double> sample, double confidenceLevel = 0.95) =>
        new(SampleSummary.Describe(sample), confidenceLevel);

    /// <summary>Count, mean, variance, standard error and order statistics of the sample.</summary>
    public SampleSummary Summary { get; }

    /// <summary>R.</summary>
    public int Count => Summary.Count;

    /// <summary>The sample mean.</summary>
    public double Mean => Summary.Mean;

    /// <summary>The unbiased sample variance.</summary>
    public double Variance => Summary.Variance;

    /// <summary>s/√R.</summary>
    public double StandardError => Summary.StandardError;

    /// <summary>The sample median.</summary>
    public double Median => Summary.Median;

    /// <summary>Lower end of the interval.</summary>
    public double ConfidenceLow { get; }

    /// <summary>Upper end of the interval.</summary>
    public double ConfidenceHigh { get; }

    /// <summary>The interval's level.</summary>
    public double ConfidenceLevel { get; }
}
