namespace LocalSgdVerify.Checks.Statistics;

/// <summary>How the standard errors of a weighted least-squares fit are scaled.</summary>
public enum WeightScale
{
    /// <summary>
    /// Weights are relative: the residual variance σ̂² = Σ wᵢ rᵢ² / (n − 2) rescales them and intervals use t with
    /// n − 2 degrees of freedom (as R's <c>lm(weights = …)</c>). Robust to mis-scaled standard errors and to model error.
    /// </summary>
    EstimatedFromResiduals,

    /// <summary>
    /// Weights are exact inverse variances 1/σᵢ²: Cov(β̂) = (XᵀWX)⁻¹ and intervals use z. Only valid when the
    /// standard errors are known and the model is right; <see cref="LinearFit.ResidualStandardError"/> (the square
    /// root of the reduced χ²) should then be near 1.
    /// </summary>
    KnownStandardErrors,
}

/// <summary>
/// Result of a straight-line least-squares fit y = Intercept + Slope · x (on log scales for a rate fit: the slope is
/// the fitted exponent).
/// </summary>
/// <param name="Slope">Fitted slope b̂ = S_xy / S_xx.</param>
/// <param name="Intercept">Fitted intercept â = ȳ − b̂ x̄.</param>
/// <param name="SlopeInterval">Confidence interval for the slope.</param>
/// <param name="InterceptInterval">Confidence interval for the intercept.</param>
/// <param name="SlopeStandardError">se(b̂) = σ̂ / √S_xx.</param>
/// <param name="InterceptStandardError">se(â) = σ̂ √(1/Σw + x̄²/S_xx).</param>
/// <param name="ResidualStandardError">σ̂ = √(Σ wᵢ rᵢ² / (n − 2)) (wᵢ = 1 for ordinary least squares).</param>
/// <param name="RSquared">R² = 1 − Σ wᵢ rᵢ² / Σ wᵢ (yᵢ − ȳ)²; 1 when y does not vary at all.</param>
/// <param name="Count">Number of points n.</param>
/// <param name="DegreesOfFreedom">n − 2.</param>
/// <param name="Method">"ordinary least squares" or "weighted least squares (…)".</param>
public sealed record LinearFit(
    double Slope,
    double Intercept,
    Interval SlopeInterval,
    Interval InterceptInterval,
    double SlopeStandardError,
    double InterceptStandardError,
    double ResidualStandardError,
    double RSquared,
    int Count,
    int DegreesOfFreedom,
    string Method);
