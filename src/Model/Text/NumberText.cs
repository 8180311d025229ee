using System.Globalization;

namespace LocalSgdVerify.Model.Text;

/// <summary>
/// Numbers as text, the same on every machine (invariant culture): the one home of the small formats that messages,
/// claims and tables share. Model is the bottom layer, so every layer can use them.
/// </summary>
public static class NumberText
{
    /// <summary>An integer in plain decimal digits, e.g. "16000", "-3".</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The shortest text that reads back as the same double ("0.1", "1E-05", "NaN", "Infinity"): for messages that must name
    /// a value exactly, such as a rejected input.
    /// </summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Three significant digits with exponents written the way people type them: "0.253", "1e-9", "3.2e-12",
    /// "2.5e21" (for short messages and tables).
    /// </summary>
    public static string ThreeSignificant(double value)
    {
        string text = value.ToString("G3", CultureInfo.InvariantCulture);
        int exponent = text.IndexOf('E', StringComparison.Ordinal);
        if (exponent < 0) return text;
        string mantissa = text[..exponent];
        string power = text[(exponent + 1)..];
        bool negative = power.StartsWith('-');
        power = power.TrimStart('+', '-').TrimStart('0');
        return $"{mantissa}e{(negative ? "-" : "")}{(power.Length == 0 ? "0" : power)}";
    }

    /// <summary>Six significant digits in .NET's general form ("0.123457", "1.5E-07"), for validation evidence.</summary>
    public static string SixSignificant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The claims' compact form: at most four decimals for 10⁻³ ≤ |x| &lt; 10⁵ ("0.0123", "1234.5678"), otherwise
    /// scientific with at most four significant digits and a signed exponent ("2.381e-6", "1.5e+5"); "0", "NaN", "∞",
    /// "−∞" (a true minus sign) for the special values.
    /// </summary>
    public static string Compact(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        double magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)
            ? value.ToString("0.###e+0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
