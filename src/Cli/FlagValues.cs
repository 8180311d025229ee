using System.Globalization;
using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Cli;

/// <summary>
/// Parses flag values given as text, so a bad value gets the same one-sentence message as a bad scenario field
/// ("--seed = -4 is not allowed: expected an integer in 0..18446744073709551615.") instead of a .NET type name.
/// </summary>
public static class FlagValues
{
    /// <summary>An integer in <paramref name="minimum"/>..<paramref name="maximum"/>, or null when the flag was not given.</summary>
    public static int? Integer(string flag, string? text, int minimum, string? note = null, int maximum = int.MaxValue)
    {
        if (text is null) return null;
        bool parsed = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value);
        if (parsed && value >= minimum && value <= maximum) return (int)value;
        // Beyond the upper end the message gives both ends; otherwise the lower end is what matters.
        string range = parsed && value > maximum
            ? $"an integer in {minimum.ToString(CultureInfo.InvariantCulture)}..{maximum.ToString(CultureInfo.InvariantCulture)}"
            : $"an integer >= {minimum.ToString(CultureInfo.InvariantCulture)}";
        throw new CommandLineException($"{flag} = {text} is not allowed: expected {range}{(note is null ? "" : $" ({note})")}.");
    }

    /// <summary>An integer in 0..2⁶⁴−1, or null when the flag was not given.</summary>
    public static ulong? UnsignedInteger(string flag, string? text)
    {
        if (text is null) return null;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)) return value;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected an integer in 0..18446744073709551615.");
    }

    /// <summary>
    /// One of <paramref name="allowed"/>, matched ignoring case and returned as spelled there ("QUICK" gives "quick"), or
    /// <paramref name="defaultValue"/> when the flag was not given. A value that is not allowed gets the nearest allowed one
    /// as a suggestion when it is close ("--profile = quik ... Did you mean 'quick'?").
    /// </summary>
    public static string Choice(string flag, string? text, IReadOnlyCollection<string> allowed, string defaultValue)
    {
        if (text is null) return defaultValue;
        if (allowed.FirstOrDefault(value => value.Equals(text, StringComparison.OrdinalIgnoreCase)) is string match) return match;
        throw new CommandLineException($"{flag} = {text} is not allowed: expected one of {string.Join(", ", allowed)}.{Suggestions.DidYouMean(text, allowed)}");
    }
}
