namespace LocalSgdVerify.Reports.Charts;

/// <summary>One chart axis: what it shows, in which unit, on which scale, over which range.</summary>
/// <param name="Label">Quantity shown, e.g. "T" or "E[F(x̄_T) − F*]".</param>
/// <param name="Unit">Unit appended as "Label (Unit)", e.g. "iterations"; null or empty for none.</param>
/// <param name="Scale">Linear or base-10 logarithmic.</param>
/// <param name="Range">Explicit range, honoured exactly; null means "from the data, padded by 5 % of the span
/// (of the log span on a log axis)".</param>
public sealed record Axis(string Label, string? Unit = null, ScaleKind Scale = ScaleKind.Linear, AxisRange? Range = null)
{
    /// <summary>The text drawn beside the axis: "Label (Unit)", or the label alone when there is no unit.</summary>
    public string DisplayText => string.IsNullOrEmpty(Unit) ? Label : $"{Label} ({Unit})";
}
