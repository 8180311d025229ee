using System.Globalization;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Diagnosing;

/// <summary>Writes estimated parameters and the steps they came from: "β ≈ 0.100 from steps 2–30".</summary>
public static class ParameterText
{
    /// <summary>The value with three significant digits, keeping trailing zeros (0.100, 2.50, 12.5, 1.00e-5).</summary>
    public static string Value(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        // Round to three significant digits first, so that 0.0999999 is written 0.100 rather than 0.1000.
        value = double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-3 || magnitude >= 1e5) return value.ToString("0.00e0", CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>"name ≈ value from steps a–b" (or "from step a").</summary>
    public static string Estimate(string name, double value, IReadOnlyCollection<int> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return $"{name} ≈ {Value(value)} from {Steps(steps)}";
    }

    /// <summary>"steps a–b" for the range a list of steps covers, "step a" for one.</summary>
    public static string Steps(IReadOnlyCollection<int> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) return "no step";
        int first = steps.Min(), last = steps.Max();
        string Integer(int step) => step.ToString(CultureInfo.InvariantCulture);
        return first == last ? $"step {Integer(first)}" : $"steps {Integer(first)}–{Integer(last)}";
    }
}
