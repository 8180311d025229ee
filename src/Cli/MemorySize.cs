using System.Globalization;

namespace LocalSgdVerify.Cli;

/// <summary>A memory size given on the command line: bytes, or a number with K, M, G or T (powers of 1024), e.g. 8G, 512M, 1.5G.</summary>
public static class MemorySize
{
    /// <summary>The size in bytes, or null when the flag was not given; <see cref="CommandLineException"/> otherwise.</summary>
    public static double? Parse(string flag, string? text)
    {
        if (text is null) return null;
        string trimmed = text.Trim();
        double unit = 1;
        char suffix = trimmed.Length > 0 ? char.ToUpperInvariant(trimmed[^1]) : ' ';
        if (suffix is 'K' or 'M' or 'G' or 'T')
        {
            unit = suffix switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1L << 40 };
            trimmed = trimmed[..^1];
        }
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value > 0)
            return value * unit;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected a size > 0 in bytes or with K, M, G or T, e.g. 8G or 512M.");
    }
}
