using LocalSgdVerify.Model.Text;
namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Sample-size arithmetic for two-sided z-tests (claims.md §6: every statistical check states the smallest
/// discrepancy it can detect at its sample size).
/// </summary>
/// <remarks>
/// With n independent replicates of standard deviation s, a two-sided test at level α detects a true discrepancy δ
/// with probability ≥ power when δ ≥ (z_{1−α/2} + z_{power}) · s/√n (normal approximation; e.g. Cohen 1988,
/// Chow, Shao &amp; Wang 2008 §3.1). The second term is the one-sided power term; the ignored opposite tail adds at
/// most α/2 to the power, so the formula is slightly conservative. For paired comparisons s is the standard
/// deviation of the per-pair differences; for ratios it is the per-pair standard deviation of the log ratio
/// (<see cref="PairedComparison.LogRatioStandardDeviation"/>). The z formula ignores the extra spread of t at small n,
/// so treat it as optimistic below about 20 replicates.
/// </remarks>
public static class ExperimentDesign
{
    /// <summary>The conventional power, 0.8.</summary>
    public const double DefaultPower = 0.8;

    /// <summary>
    /// Smallest absolute discrepancy δ = (z_{1−α/2} + z_{power}) · s/√n detectable with the given power by a
    /// two-sided test at level α = <paramref name="falseFailRate"/>.
    /// </summary>
    public static double MinimumDetectableDifference(
        double standardDeviation, int sampleSize, double falseFailRate, double power = DefaultPower)
    {
        Require.NonNegative(standardDeviation, nameof(standardDeviation));
        Require.Count(sampleSize, 1, nameof(sampleSize), "a test needs a replicate");
        return Multiplier(falseFailRate, power) * standardDeviation / Math.Sqrt(sampleSize);
    }

    /// <summary>
    /// <see cref="MinimumDetectableDifference(double, int, double, double)"/> with s and n taken from a sample summary
    /// (the discrepancy a check can detect at the replicates it actually ran).
    /// </summary>
    public static double MinimumDetectableDifference(SampleSummary summary, double falseFailRate, double power = DefaultPower)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return MinimumDetectableDifference(summary.StandardDeviation, summary.Count, falseFailRate, power);
    }

    /// <summary>
    /// Paired analogue: the smallest detectable mean difference E[x − y] for paired replicates, using the standard
    /// deviation of the per-pair differences (common random numbers shrink it when x and y are positively correlated).
    /// </summary>
    public static double MinimumDetectablePairedDifference(
        ReadOnlySpan<double> first, ReadOnlySpan<double> second, double falseFailRate, double power = DefaultPower)
    {
        Require.SameLength(first.Length, second.Length, nameof(first), nameof(second));
        double[] differences = new double[first.Length];
        for (int index = 0; index < differences.Length; index++)
        {
            differences[index] = first[index] - second[index];
        }
        return MinimumDetectableDifference(SampleSummary.Of(differences), falseFailRate, power);
    }

    /// <summary>Relative form δ/|μ| of <see cref="MinimumDetectableDifference(double, int, double, double)"/> for a quantity with mean μ ≠ 0.</summary>
    public static double MinimumDetectableRelativeDifference(
        double mean, double standardDeviation, int sampleSize, double falseFailRate, double power = DefaultPower)
    {
        Require.Finite(mean, nameof(mean));
        if (mean == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be non-zero for a relative discrepancy, got 0.");
        }
        return MinimumDetectableDifference(standardDeviation, sampleSize, falseFailRate, power) / Math.Abs(mean);
    }

    /// <summary>
    /// Smallest relative change of a ratio of paired means detectable with the given power:
    /// exp((z_{1−α/2} + z_{power}) · s_log/√n) − 1, where s_log is the per-pair standard deviation of the log ratio.
    /// </summary>
    public static double MinimumDetectableRatioChange(
        double logRatioStandardDeviation, int sampleSize, double falseFailRate, double power = DefaultPower) =>
        Math.Exp(MinimumDetectableDifference(logRatioStandardDeviation, sampleSize, falseFailRate, power)) - 1;

    /// <summary>
    /// <see cref="MinimumDetectableRatioChange"/> for the ratio of the means of paired samples, with s_log their per-pair
    /// log-ratio spread (<see cref="PairedComparison.LogRatioStandardDeviation"/>) and n their count; NaN when a mean is
    /// not positive (no log ratio).
    /// </summary>
    public static double MinimumDetectablePairedRatioChange(
        double[] numerator, double[] denominator, double falseFailRate, double power = DefaultPower)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        if (!(numerator.Average() > 0) || !(denominator.Average() > 0)) return double.NaN;
        return MinimumDetectableRatioChange(PairedComparison.LogRatioStandardDeviation(numerator, denominator), numerator.Length, falseFailRate, power);
    }

    /// <summary>
    /// Smallest discrepancy of a fitted slope detectable with the given power by a two-sided test at level α:
    /// (z_{1−α/2} + z_{power})·se(slope).
    /// </summary>
    public static double MinimumDetectableSlopeChange(LinearFit fit, double falseFailRate, double power = DefaultPower)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Multiplier(falseFailRate, power) * fit.SlopeStandardError;
    }

    /// <summary>
    /// Replicates needed to detect an absolute discrepancy δ: n = ⌈((z_{1−α/2} + z_{power}) · s/δ)²⌉, at least 2.
    /// </summary>
    public static int ReplicatesNeeded(
        double standardDeviation, double targetDifference, double falseFailRate, double power = DefaultPower)
    {
        Require.NonNegative(standardDeviation, nameof(standardDeviation));
        Require.Positive(targetDifference, nameof(targetDifference));
        double root = Multiplier(falseFailRate, power) * standardDeviation / targetDifference;
        double needed = Math.Ceiling(root * root);
        if (needed > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(targetDifference), targetDifference,
                $"Detecting a discrepancy of {NumberText.RoundTrip(targetDifference)} with standard deviation {NumberText.RoundTrip(standardDeviation)} " +
                "needs more replicates than fit in an int.");
        }
        return Math.Max(2, (int)needed);
    }

    /// <summary>
    /// Replicates needed to detect a relative change ρ of a ratio of paired means: the log-scale discrepancy is
    /// ln(1 + ρ), so n = ⌈((z_{1−α/2} + z_{power}) · s_log / ln(1 + ρ))²⌉.
    /// </summary>
    public static int ReplicatesNeededForRatioChange(
        double logRatioStandardDeviation, double relativeChange, double falseFailRate, double power = DefaultPower)
    {
        Require.Positive(relativeChange, nameof(relativeChange));
        return ReplicatesNeeded(logRatioStandardDeviation, Math.Log(1 + relativeChange), falseFailRate, power);
    }

    /// <summary>z_{1−α/2} + z_{power}.</summary>
    public static double Multiplier(double falseFailRate, double power = DefaultPower)
    {
        Require.OpenUnitInterval(falseFailRate, nameof(falseFailRate));
        Require.OpenUnitInterval(power, nameof(power));
        return CriticalValues.Normal(falseFailRate / 2) + CriticalValues.Normal(1 - power);
    }
}
