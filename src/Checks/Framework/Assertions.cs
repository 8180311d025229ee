using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework;

/// <summary>Small helpers for the assertion shapes claims share.</summary>
public static class Assertions
{
    /// <summary>
    /// An exact fact: |measured − predicted| ≤ tolerance·max(|predicted|, tiny). Pass or Fail, never inconclusive;
    /// the margin is tolerance − relative gap.
    /// </summary>
    public static AssertionResult ExactlyEqual(string name, double measured, double predicted, double relativeTolerance, string unit = "", string? note = null)
    {
        double scale = Math.Max(Math.Abs(predicted), 1e-300);
        double gap = Math.Abs(measured - predicted) / scale;
        var verdict = gap <= relativeTolerance ? Verdict.Pass : Verdict.Fail;
        return new AssertionResult(name, verdict, new Quantity(name, measured, unit), new Prediction($"= {Format(predicted)} (relative tolerance {Format(relativeTolerance)})", predicted),
            relativeTolerance - gap, $"exact, relative gap {Format(gap)}", Note: note);
    }

    /// <summary>Invariant, short number formatting for reports (4 significant digits).</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        double magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)
            ? value.ToString("0.###e+0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
    }
}
