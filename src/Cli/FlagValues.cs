using System.Globalization;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Parses flag values given as text, so a bad value gets the same one-sentence message as a bad scenario field
/// ("--seed = -4 is not allowed: expected an integer in 0..18446744073709551615.") instead of a .NET type name.
/// </summary>
public static class FlagValues
{
    /// <summary>An integer ≥ <paramref name="minimum"/>, or null when the flag was not given.</summary>
    public static int? Integer(string flag, string? text, int minimum, string? note = null)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum) return value;
        string allowed = $"an integer >= {minimum.ToString(CultureInfo.InvariantCulture)}{(note is null ? "" : $" ({note})")}";
        throw new CommandLineException($"{flag} = {text} is not allowed: expected {allowed}.");
    }

    /// <summary>An integer in 0..2⁶⁴−1, or null when the flag was not given.</summary>
    public static ulong? UnsignedInteger(string flag, string? text)
    {
        if (text is null) return null;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)) return value;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected an integer in 0..18446744073709551615.");
    }

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="defaultValue"/> when the flag was not given.</summary>
    public static string Choice(string flag, string? text, IReadOnlyCollection<string> allowed, string defaultValue)
    {
        if (text is null) return defaultValue;
        if (allowed.Contains(text)) return text;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected one of {string.Join(", ", allowed)}.");
    }
}
