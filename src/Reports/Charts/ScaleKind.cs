namespace LocalSgdVerify.Reports.Charts;

/// <summary>How data values are laid out along an axis.</summary>
public enum ScaleKind
{
    /// <summary>Pixel position proportional to the value: <c>t = (v − min)/(max − min)</c>.</summary>
    Linear,

    /// <summary>Pixel position proportional to the base-10 logarithm: <c>t = (log₁₀v − log₁₀min)/(log₁₀max − log₁₀min)</c>;
    /// values ≤ 0 cannot be shown.</summary>
    Log10,
}
