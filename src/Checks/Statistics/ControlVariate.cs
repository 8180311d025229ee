using LocalSgdVerify.Model.Text;
using System.Globalization;

namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// The classical regression (linear) control-variate estimator of a mean (Lavenberg &amp; Welch, "A perspective on the
/// use of control variables to increase the efficiency of Monte Carlo simulations", Management Science 27(3), 1981;
/// Glasserman, Monte Carlo Methods in Financial Engineering, 2004, §4.1). Each replicate i gives a response Yᵢ and a
/// control Cᵢ whose expectation c = E[C] is known exactly (here: from the exact moment recursions of a quadratic run
/// under the same noise). Then
/// <code>
/// θ̂ = Ȳ − β̂ (C̄ − c),   β̂ = Σ (Cᵢ − C̄)(Yᵢ − Ȳ) / Σ (Cᵢ − C̄)²,
/// </code>
/// and the part of Y's spread that is linear in C no longer enters the estimate: Var θ̂ ≈ (1 − ρ²) Var Ȳ, with ρ the
/// correlation of Y and C, so 1/(1 − ρ²) is the variance-reduction factor and n/(1 − ρ²) the number of plain Monte Carlo
/// replicates that would give the same interval width.
/// </summary>
/// <remarks>
/// Interval: with residuals eᵢ = (Yᵢ − Ȳ) − β̂ (Cᵢ − C̄) and s² = Σ eᵢ² / (n − 2) (one degree of freedom for the mean, one
/// for β̂), se² = s² [1/n + (C̄ − c)² / Σ (Cᵢ − C̄)²] and θ̂ ± t_{1−α/2, n−2} se. Under the normal linear model
/// Y = θ + β (C − c) + ε, ε ~ N(0, σ²) independent of C, this interval is exact conditionally on the controls
/// (Lavenberg &amp; Welch 1981, §3: it is the regression intercept's interval at C = c); otherwise it is asymptotically
/// valid by the central limit theorem, like <see cref="MeanIntervals.StudentT(ReadOnlySpan{double}, double)"/>. The
/// estimate is unbiased only to O(1/n) because β̂ is estimated from the same replicates (Glasserman §4.1.1); the bias is
/// of the order of the standard error divided by √n.
/// </remarks>
public static class ControlVariate
{
    /// <summary>
    /// The control-variate estimate of E[Y] from paired samples (Yᵢ, Cᵢ), i = 1..n (n ≥ 3), with the known
    /// expectation <paramref name="controlMean"/> = E[C], and its t interval at <paramref name="level"/> (see the type's
    /// remarks). Throws an <see cref="ArgumentException"/> naming the field for mismatched lengths, n &lt; 3, non-finite
    /// values, a level outside (0, 1) or controls that do not vary.
    /// </summary>
    public static ControlVariateEstimate Mean(ReadOnlySpan<double> responses, ReadOnlySpan<double> controls, double controlMean, double level)
    {
        var fit = Regression.Of(responses, controls, controlMean, level);
        double[] residuals = fit.Residuals(responses, controls);
        double residualVariance = CompensatedSum.SumOfSquaredDeviations(residuals, 0) / (fit.Count - 2);
        double standardError = Math.Sqrt(residualVariance * fit.EstimationFactor);
        double estimate = fit.ResponseMean - fit.Coefficient * (fit.ControlMean - controlMean);
        double halfWidth = fit.Critical * standardError;
        double responseVariance = SampleSummary.CentredVariance(responses, fit.ResponseMean);
        double correlation = Correlation(fit.ResponseControlCovariance, responseVariance, fit.ControlVariance);
        var interval = new Interval(
            estimate - halfWidth,
            estimate + halfWidth,
            estimate,
            level,
            "control variate (regression)",
            string.Create(
                CultureInfo.InvariantCulture,
                $"response linear in the known-mean control with approximately normal residuals (t with {fit.Count - 2} degrees of freedom), n = {fit.Count}"));
        double plainStandardError = Math.Sqrt(responseVariance / fit.Count);
        return new ControlVariateEstimate(
            fit.Count,
            estimate,
            fit.Coefficient,
            standardError,
            residualVariance,
            correlation,
            ReductionFactor(correlation),
            fit.ResponseMean,
            plainStandardError,
            EquivalentReplicates(fit.Count, plainStandardError, standardError),
            interval);
    }

    /// <summary>
    /// Fieller's set for R = E[X]/E[Y] from control-variate-adjusted means, for paired responses (Xᵢ, Yᵢ) sharing one
    /// control Cᵢ with known mean c: X and Y are each regressed on C (β̂_X, β̂_Y), the adjusted means
    /// X̃ = X̄ − β̂_X (C̄ − c), Ỹ = Ȳ − β̂_Y (C̄ − c) replace x̄, ȳ, and the (co)variances of the means become
    /// v_jk = s_jk [1/n + (C̄ − c)²/Σ (Cᵢ − C̄)²] with s_jk = Σ e_jᵢ e_kᵢ / (n − 2) from the residuals. For each R,
    /// X̃ − R Ỹ is the control-variate estimate of E[X − R Y] (its coefficient is β̂_X − R β̂_Y) and its standard error
    /// is √(v_XX − 2R v_XY + R² v_YY), so the set is again {R : (X̃ − R Ỹ)² ≤ t² (v_XX − 2R v_XY + R² v_YY)}, with
    /// t = t_{1−α/2, n−2}: the values of R that the control-variate t-test of E[X − R Y] = 0 does not reject. Exact under
    /// the normal linear model for both responses (conditionally on the controls), asymptotically valid otherwise.
    /// The reduction factor reported is that of the difference dᵢ = Xᵢ − R̂ Yᵢ at the point estimate, the quantity
    /// whose spread sets the width: 1/(1 − ρ²(d, C)). Needs n ≥ 3.
    /// </summary>
    public static ControlVariateRatio RatioOfMeansFieller(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator, ReadOnlySpan<double> controls,
        double controlMean, double level)
    {
        Require.SameLength(numerator.Length, denominator.Length, nameof(numerator), nameof(denominator));
        var numeratorFit = Regression.Of(numerator, controls, controlMean, level, nameof(numerator));
        var denominatorFit = Regression.Of(denominator, controls, controlMean, level, nameof(denominator));
        double[] numeratorResiduals = numeratorFit.Residuals(numerator, controls);
        double[] denominatorResiduals = denominatorFit.Residuals(denominator, controls);
        int count = numeratorFit.Count;
        double scale = numeratorFit.EstimationFactor / (count - 2);
        double numeratorVariance = CompensatedSum.SumOfSquaredDeviations(numeratorResiduals, 0) * scale;
        double denominatorVariance = CompensatedSum.SumOfSquaredDeviations(denominatorResiduals, 0) * scale;
        double covariance = CompensatedSum.SumOfCrossDeviations(numeratorResiduals, 0, denominatorResiduals, 0) * scale;
        double numeratorEstimate = numeratorFit.ResponseMean - numeratorFit.Coefficient * (numeratorFit.ControlMean - controlMean);
        double denominatorEstimate = denominatorFit.ResponseMean - denominatorFit.Coefficient * (denominatorFit.ControlMean - controlMean);
        string assumption = string.Create(
            CultureInfo.InvariantCulture,
            $"both responses linear in the known-mean control with approximately bivariate normal residuals (Fieller on control-variate-adjusted means, t with {count - 2} degrees of freedom), n = {count} pairs");
        var ratio = PairedComparison.Fieller(numeratorEstimate, denominatorEstimate, numeratorVariance, denominatorVariance, covariance,
            numeratorFit.Critical, level, "Fieller with control variate", assumption);

        // The difference at the point estimate: its plain and adjusted standard errors give the reduction actually obtained.
        double pointRatio = ratio.Interval.Estimate;
        double[] differences = new double[count];
        for (int index = 0; index < count; index++) differences[index] = numerator[index] - pointRatio * denominator[index];
        double differenceMean = CompensatedSum.Mean(differences);
        double differenceVariance = SampleSummary.CentredVariance(differences, differenceMean);
        double differenceCovariance = SampleSummary.Covariance(differences, differenceMean, controls, numeratorFit.ControlMean);
        double correlation = Correlation(differenceCovariance, differenceVariance, numeratorFit.ControlVariance);
        double plainStandardError = Math.Sqrt(differenceVariance / count);
        double adjustedStandardError = Math.Sqrt(Math.Max(0, numeratorVariance - 2 * pointRatio * covariance + pointRatio * pointRatio * denominatorVariance));
        return new ControlVariateRatio(ratio, numeratorEstimate, denominatorEstimate, correlation, ReductionFactor(correlation),
            EquivalentReplicates(count, plainStandardError, adjustedStandardError));
    }

    private static double Correlation(double covariance, double firstVariance, double secondVariance)
    {
        double product = firstVariance * secondVariance;
        if (!(product > 0)) return 0;
        return Math.Clamp(covariance / Math.Sqrt(product), -1, 1);
    }

    private static double ReductionFactor(double correlation) => 1 / (1 - correlation * correlation);

    /// <summary>n·(plain se / adjusted se)²: plain replicates for the same standard error (+∞ when the residuals vanish).</summary>
    private static double EquivalentReplicates(int count, double plainStandardError, double adjustedStandardError) =>
        adjustedStandardError > 0 ? count * (plainStandardError / adjustedStandardError) * (plainStandardError / adjustedStandardError)
            : plainStandardError > 0 ? double.PositiveInfinity : count;

    /// <summary>The regression of one response on the control: means, β̂, Var(C), the t quantile and the se factor.</summary>
    private readonly record struct Regression(
        int Count,
        double ResponseMean,
        double ControlMean,
        double ControlVariance,
        double ResponseControlCovariance,
        double Coefficient,
        double EstimationFactor,
        double Critical)
    {
        public static Regression Of(ReadOnlySpan<double> responses, ReadOnlySpan<double> controls, double controlMean, double level,
            string responsesName = "responses")
        {
            Require.OpenUnitInterval(level, nameof(level));
            Require.SameLength(responses.Length, controls.Length, responsesName, nameof(controls));
            Require.Count(responses.Length, 3, responsesName, "a control-variate interval spends one degree of freedom on the mean and one on the coefficient");
            Require.AllFinite(responses, responsesName);
            Require.AllFinite(controls, nameof(controls));
            Require.Finite(controlMean, nameof(controlMean));
            int count = responses.Length;
            double responseMean = CompensatedSum.Mean(responses);
            double sampleControlMean = CompensatedSum.Mean(controls);
            double controlVariance = SampleSummary.CentredVariance(controls, sampleControlMean);
            if (!(controlVariance > 0))
            {
                throw new ArgumentException(
                    $"controls must not all be equal: the coefficient β = Cov(Y, C)/Var(C) needs a control that varies, got every value {NumberText.RoundTrip(controls[0])}.",
                    nameof(controls));
            }
            double covariance = SampleSummary.Covariance(responses, responseMean, controls, sampleControlMean);
            double offset = sampleControlMean - controlMean;
            double factor = 1.0 / count + offset * offset / (controlVariance * (count - 1));
            return new Regression(count, responseMean, sampleControlMean, controlVariance, covariance, covariance / controlVariance, factor,
                CriticalValues.StudentT(count - 2, (1 - level) / 2));
        }

        /// <summary>eᵢ = (Yᵢ − Ȳ) − β̂ (Cᵢ − C̄).</summary>
        public double[] Residuals(ReadOnlySpan<double> responses, ReadOnlySpan<double> controls)
        {
            double[] residuals = new double[Count];
            for (int index = 0; index < Count; index++)
                residuals[index] = (responses[index] - ResponseMean) - Coefficient * (controls[index] - ControlMean);
            return residuals;
        }
    }
}

/// <summary>
/// A control-variate estimate of a mean (see <see cref="ControlVariate.Mean"/>).
/// </summary>
/// <param name="Count">n, the replicates.</param>
/// <param name="Estimate">θ̂ = Ȳ − β̂ (C̄ − c).</param>
/// <param name="Coefficient">β̂ = Cov(Y, C)/Var(C) from the sample.</param>
/// <param name="StandardError">se of θ̂ from the residuals, √(s² [1/n + (C̄ − c)²/Σ (Cᵢ − C̄)²]).</param>
/// <param name="ResidualVariance">s² = Σ eᵢ²/(n − 2).</param>
/// <param name="Correlation">ρ̂, the sample correlation of Y and C.</param>
/// <param name="VarianceReductionFactor">1/(1 − ρ̂²): how many times smaller the variance of the estimate is than Ȳ's.</param>
/// <param name="PlainMean">Ȳ, the plain Monte Carlo estimate.</param>
/// <param name="PlainStandardError">s_Y/√n, the plain estimate's standard error.</param>
/// <param name="EquivalentPlainReplicates">n·(s_Y/√n ÷ se)²: replicates plain Monte Carlo needs for the same standard error.</param>
/// <param name="Interval">θ̂ ± t_{1−α/2, n−2} se.</param>
public sealed record ControlVariateEstimate(
    int Count,
    double Estimate,
    double Coefficient,
    double StandardError,
    double ResidualVariance,
    double Correlation,
    double VarianceReductionFactor,
    double PlainMean,
    double PlainStandardError,
    double EquivalentPlainReplicates,
    Interval Interval);

/// <summary>
/// Fieller's set for a ratio of control-variate-adjusted means (see <see cref="ControlVariate.RatioOfMeansFieller"/>).
/// </summary>
/// <param name="Ratio">The confidence set (its hull when unbounded).</param>
/// <param name="NumeratorEstimate">X̃, the adjusted numerator mean.</param>
/// <param name="DenominatorEstimate">Ỹ, the adjusted denominator mean.</param>
/// <param name="Correlation">ρ̂ between dᵢ = Xᵢ − R̂ Yᵢ and the control.</param>
/// <param name="VarianceReductionFactor">1/(1 − ρ̂²) for the difference that sets the width.</param>
/// <param name="EquivalentPlainReplicates">n·(plain se of d̄ ÷ adjusted se)²: pairs plain Monte Carlo needs for about the same width.</param>
public sealed record ControlVariateRatio(
    RatioInterval Ratio,
    double NumeratorEstimate,
    double DenominatorEstimate,
    double Correlation,
    double VarianceReductionFactor,
    double EquivalentPlainReplicates);
