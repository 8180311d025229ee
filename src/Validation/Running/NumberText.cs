using System.Globalization;

namespace LocalSgdVerify.Validation.Running;

/// <summary>Short numbers for messages: three significant digits, exponents written the way people type them (1e-9, 2.5e+21 → 2.5e21).</summary>
public static class NumberText
{
    /// <summary>The value with three significant digits, e.g. 0.253, 1e-9, 3.2e-12.</summary>
    public static string Short(double value)
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
}
