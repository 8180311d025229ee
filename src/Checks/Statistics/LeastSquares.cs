using System.Globalization;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Straight-line least-squares fits with classical standard errors, and the rate fits built on them: a power law
/// y = C xᵏ fitted as ln y = ln C + k ln x, whose slope interval tests a predicted exponent k.
/// </summary>
/// <remarks>
/// Sums are centred and compensated in index order, so the same data give the same bits and exact power-law data
/// give the exponent to rounding. Intervals: estimate ± t_{1−α/2, n−2} · se (exact for independent normal errors
/// with constant variance, or variance proportional to 1/wᵢ).
/// </remarks>
public static class LeastSquares
{
    /// <summary>
    /// Ordinary least squares y = a + b x: b̂ = S_xy/S_xx, â = ȳ − b̂ x̄, σ̂² = Σ rᵢ²/(n − 2),
    /// se(b̂) = σ̂/√S_xx, se(â) = σ̂ √(1/n + x̄²/S_xx), intervals with t_{n−2}. Needs n ≥ 3 and at least two distinct x.
    /// </summary>
    public static LinearFit Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double level)
    {
        CheckPoints(x, y, level);
        double[] weights = new double[x.Length];
        Array.Fill(weights, 1.0);
        return FitCore(x, y, weights, level, WeightScale.EstimatedFromResiduals, "ordinary least squares",
            "independent normal errors with constant variance");
    }

    /// <summary>
    /// Weighted least squares with weights wᵢ &gt; 0 (wᵢ = 1/σᵢ²): minimises Σ wᵢ (yᵢ − a − b xᵢ)², with weighted means
    /// x̄ = Σwx/Σw, S_xx = Σ w (x − x̄)², b̂ = S_xy/S_xx; standard errors scaled as <paramref name="scale"/> says.
    /// </summary>
    public static LinearFit FitWeighted(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, double level, WeightScale scale)
    {
        CheckPoints(x, y, level);
        Require.SameLength(x.Length, weights.Length, nameof(x), nameof(weights));
        Require.AllPositive(weights, nameof(weights), "a weight is an inverse variance");
        return FitCore(x, y, weights, level, scale, WeightedMethod(scale),
            scale == WeightScale.KnownStandardErrors
                ? "independent normal errors with the given standard errors"
                : "independent normal errors with variance proportional to 1/weight");
    }

    /// <summary>
    /// Rate fit: ordinary least squares of ln y on ln x, so <see cref="LinearFit.Slope"/> is the exponent k of
    /// y ≈ C xᵏ and <see cref="LinearFit.Intercept"/> is ln C. Exact when ln y = ln C + k ln x + normal noise of
    /// constant variance. Needs n ≥ 3 positive x (two distinct) and positive y.
    /// </summary>
    public static LinearFit FitPowerLaw(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double level)
    {
        Require.AllPositive(x, nameof(x), "a power law is fitted on a log scale");
        Require.AllPositive(y, nameof(y), "a power law is fitted on a log scale");
        CheckPoints(x, y, level);
        double[] weights = new double[x.Length];
        Array.Fill(weights, 1.0);
        return FitCore(Logarithms(x), Logarithms(y), weights, level, WeightScale.EstimatedFromResiduals,
            "ordinary least squares on log–log scale", "independent normal errors of constant variance in ln y");
    }

    /// <summary>
    /// Power-law fit of yᵢ = scaleᵢ · mean(samplesᵢ) against xᵢ on log–log axes, weighted with the known standard errors
    /// of the means (delta method, se(ln ȳ) = se(ȳ)/ȳ; z interval at <paramref name="level"/>). The samples must be
    /// independent of each other so that the errors are. Returns the fit with the scaled means and their standard errors.
    /// </summary>
    public static (LinearFit Fit, double[] Means, double[] StandardErrors) FitPowerLawOfMeans(
        double[] x, IReadOnlyList<double[]> samples, double[] scale, double level)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(scale);
        var means = new double[x.Length];
        var errors = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var summary = SampleSummary.Of(samples[i]);
            means[i] = scale[i] * summary.Mean;
            errors[i] = scale[i] * summary.StandardError;
        }
        return (FitPowerLawWeighted(x, means, errors, level, WeightScale.KnownStandardErrors), means, errors);
    }

    /// <summary>
    /// Weighted rate fit of ln y on ln x when each yᵢ carries a standard error: by the delta method
    /// se(ln yᵢ) ≈ se(yᵢ)/yᵢ, so wᵢ = yᵢ² / se(yᵢ)². The approximation needs se(yᵢ) ≪ yᵢ.
    /// </summary>
    public static LinearFit FitPowerLawWeighted(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> standardErrorsOfY,
        double level,
        WeightScale scale = WeightScale.EstimatedFromResiduals)
    {
        Require.AllPositive(x, nameof(x), "a power law is fitted on a log scale");
        Require.AllPositive(y, nameof(y), "a power law is fitted on a log scale");
        Require.SameLength(y.Length, standardErrorsOfY.Length, nameof(y), nameof(standardErrorsOfY));
        Require.AllPositive(standardErrorsOfY, nameof(standardErrorsOfY), "a weight is an inverse variance");
        double[] weights = new double[y.Length];
        for (int index = 0; index < weights.Length; index++)
        {
            double relativeError = standardErrorsOfY[index] / y[index];
            weights[index] = 1 / (relativeError * relativeError);
        }
        CheckPoints(x, y, level);
        return FitCore(Logarithms(x), Logarithms(y), weights, level, scale,
            WeightedMethod(scale) + " on log–log scale, se(ln y) = se(y)/y",
            scale == WeightScale.KnownStandardErrors
                ? "independent normal errors in ln y with standard errors se(y)/y"
                : "independent normal errors in ln y with variance proportional to (se(y)/y)²");
    }

    private static string WeightedMethod(WeightScale scale) => scale == WeightScale.KnownStandardErrors
        ? "weighted least squares (known standard errors)"
        : "weighted least squares (scale from residuals)";

    private static LinearFit FitCore(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> weights,
        double level,
        WeightScale scale,
        string method,
        string errorModel)
    {
        int count = x.Length;
        int degreesOfFreedom = count - 2;
        double totalWeight = CompensatedSum.Sum(weights);
        double meanX = WeightedTotal(weights, x) / totalWeight;
        double meanY = WeightedTotal(weights, y) / totalWeight;
        double sumXX = WeightedCross(weights, x, meanX, x, meanX);
        double sumXY = WeightedCross(weights, x, meanX, y, meanY);
        double sumYY = WeightedCross(weights, y, meanY, y, meanY);
        if (!(sumXX > 0))
        {
            throw new ArgumentException("x must take at least two distinct values to fit a slope.", nameof(x));
        }

        double slope = sumXY / sumXX;
        double intercept = meanY - slope * meanX;
        double residualSum = 0;
        double compensation = 0;
        for (int index = 0; index < count; index++)
        {
            double residual = y[index] - intercept - slope * x[index];
            CompensatedSum.Add(ref residualSum, ref compensation, weights[index] * residual * residual);
        }
        residualSum += compensation;

        double residualStandardError = Math.Sqrt(residualSum / degreesOfFreedom);
        double rSquared = sumYY > 0 ? 1 - residualSum / sumYY : 1;
        double sigma = scale == WeightScale.KnownStandardErrors ? 1 : residualStandardError;
        double slopeStandardError = sigma / Math.Sqrt(sumXX);
        double interceptStandardError = sigma * Math.Sqrt(1 / totalWeight + meanX * meanX / sumXX);
        double tail = (1 - level) / 2;
        double critical = scale == WeightScale.KnownStandardErrors
            ? CriticalValues.Normal(tail)
            : CriticalValues.StudentT(degreesOfFreedom, tail);
        string assumption = scale == WeightScale.KnownStandardErrors
            ? string.Create(CultureInfo.InvariantCulture, $"{errorModel} (normal critical value), n = {count} points")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{errorModel} (Student t, {degreesOfFreedom} degrees of freedom), n = {count} points");
        return new LinearFit(
            slope,
            intercept,
            new Interval(slope - critical * slopeStandardError, slope + critical * slopeStandardError, slope, level,
                method + ", slope", assumption),
            new Interval(intercept - critical * interceptStandardError, intercept + critical * interceptStandardError, intercept,
                level, method + ", intercept", assumption),
            slopeStandardError,
            interceptStandardError,
            residualStandardError,
            rSquared,
            count,
            degreesOfFreedom,
            method);
    }

    /// <summary>Σ wᵢ uᵢ, compensated, in index order.</summary>
    private static double WeightedTotal(ReadOnlySpan<double> weights, ReadOnlySpan<double> values)
    {
        double sum = 0;
        double compensation = 0;
        for (int index = 0; index < weights.Length; index++)
        {
            CompensatedSum.Add(ref sum, ref compensation, weights[index] * values[index]);
        }
        return sum + compensation;
    }

    /// <summary>Σ wᵢ (uᵢ − ū)(vᵢ − v̄), compensated, in index order.</summary>
    private static double WeightedCross(
        ReadOnlySpan<double> weights, ReadOnlySpan<double> first, double firstCentre, ReadOnlySpan<double> second, double secondCentre)
    {
        double sum = 0;
        double compensation = 0;
        for (int index = 0; index < weights.Length; index++)
        {
            CompensatedSum.Add(
                ref sum, ref compensation, weights[index] * (first[index] - firstCentre) * (second[index] - secondCentre));
        }
        return sum + compensation;
    }

    private static void CheckPoints(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double level)
    {
        Require.OpenUnitInterval(level, nameof(level));
        Require.SameLength(x.Length, y.Length, nameof(x), nameof(y));
        Require.Count(x.Length, 3, nameof(x), "a line with a standard error needs n − 2 ≥ 1 degrees of freedom");
        Require.AllFinite(x, nameof(x));
        Require.AllFinite(y, nameof(y));
    }

    private static double[] Logarithms(ReadOnlySpan<double> values)
    {
        double[] logarithms = new double[values.Length];
        for (int index = 0; index < values.Length; index++)
        {
            logarithms[index] = Math.Log(values[index]);
        }
        return logarithms;
    }
}
