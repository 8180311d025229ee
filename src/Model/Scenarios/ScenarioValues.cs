using System.Globalization;
using System.Text.Json;

namespace LocalSgdVerify.Model.Scenarios;

/// <summary>
/// Reads single JSON values with their path: numbers must be JSON numbers (a string such as "NaN" is refused,
/// since JSON has no NaN or Infinity), integers must be written without a fraction, and every refusal names the
/// path, the value as written and what is allowed.
/// </summary>
public static class ScenarioValues
{
    private static readonly string[] NonFiniteWords = ["nan", "infinity", "-infinity", "+infinity", "inf", "-inf", "+inf"];

    /// <summary>A finite number that satisfies <paramref name="rule"/>.</summary>
    public static double Number(JsonElement value, string path, NumberRule rule)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            string note = value.ValueKind == JsonValueKind.String && NonFiniteWords.Contains(value.GetString()!.Trim().ToLowerInvariant())
                ? " (JSON has no NaN or Infinity, and numbers are never written as strings)"
                : value.ValueKind == JsonValueKind.String ? " (a JSON number, not a string)" : "";
            throw ScenarioException.NotAllowed(path, value, rule.Description + note);
        }
        // A literal such as 1e999 does not fit a double; it is refused like any other non-finite value.
        if (!value.TryGetDouble(out double number) || !double.IsFinite(number) || !rule.Accepts(number))
            throw ScenarioException.NotAllowed(path, value, rule.Description);
        return number;
    }

    /// <summary>An integer within <paramref name="rule"/>'s range; 3.0 and 3e0 count as 3, 2.5 does not.</summary>
    public static int Integer(JsonElement value, string path, IntegerRule rule)
    {
        long number = WholeNumber(value, path, rule.Description);
        // "an integer >= 1" hides the upper end; a value beyond it is told the whole range.
        if (number > rule.Maximum) throw ScenarioException.NotAllowed(path, value, rule.RangeDescription);
        if (!rule.Accepts(number)) throw ScenarioException.NotAllowed(path, value, rule.Description);
        return (int)number;
    }

    /// <summary>
    /// An integer in 0..2⁶⁴−1 (seeds), read from the literal so no precision is lost; like every integer it may be
    /// written 1000, 1000.0 or 1e3 (the literal is read as a decimal, exact to 28 digits, so no digit is rounded away).
    /// </summary>
    public static ulong UnsignedInteger(JsonElement value, string path)
    {
        const string allowed = "an integer in 0..18446744073709551615";
        if (value.ValueKind != JsonValueKind.Number) throw ScenarioException.NotAllowed(path, value, allowed);
        if (value.TryGetUInt64(out ulong exact)) return exact;
        if (decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
            && number == decimal.Truncate(number) && number >= 0 && number <= ulong.MaxValue)
            return (ulong)number;
        throw ScenarioException.NotAllowed(path, value, allowed);
    }

    /// <summary>A string from a fixed list (kinds, spacings), matched exactly.</summary>
    public static string Choice(JsonElement value, string path, IReadOnlyCollection<string> allowed)
    {
        string description = "one of " + string.Join(", ", allowed);
        if (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()!))
            throw ScenarioException.NotAllowed(path, value, description);
        return value.GetString()!;
    }

    /// <summary>A JSON string (free text such as names).</summary>
    public static string Text(JsonElement value, string path, bool allowEmpty)
    {
        if (value.ValueKind != JsonValueKind.String || (!allowEmpty && string.IsNullOrWhiteSpace(value.GetString())))
            throw ScenarioException.NotAllowed(path, value, allowEmpty ? "a string" : "a non-empty string");
        return value.GetString()!;
    }

    /// <summary>JSON true or false.</summary>
    public static bool Boolean(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.True) return true;
        if (value.ValueKind is JsonValueKind.False) return false;
        throw ScenarioException.NotAllowed(path, value, "true or false");
    }

    /// <summary>A list of numbers, each checked by <paramref name="rule"/>; <paramref name="length"/> when given is the exact length.</summary>
    public static double[] NumberList(JsonElement value, string path, NumberRule rule, int? length = null, string? lengthNote = null)
    {
        string listDescription = length is int n
            ? $"a list of {n.ToString(CultureInfo.InvariantCulture)} numbers{(lengthNote is null ? "" : $" ({lengthNote})")}"
            : "a non-empty list of numbers";
        if (value.ValueKind != JsonValueKind.Array) throw ScenarioException.NotAllowed(path, value, listDescription);
        int count = value.GetArrayLength();
        if (length is int expected ? count != expected : count == 0) throw ScenarioException.NotAllowed(path, value, listDescription);
        var numbers = new double[count];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            numbers[index] = Number(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", rule);
            index++;
        }
        return numbers;
    }

    /// <summary>A non-empty list of integers, each checked by <paramref name="rule"/>.</summary>
    public static int[] IntegerList(JsonElement value, string path, IntegerRule rule)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw ScenarioException.NotAllowed(path, value, $"a non-empty list of integers, each {rule.Description}");
        var numbers = new int[value.GetArrayLength()];
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            numbers[index] = Integer(item, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", rule);
            index++;
        }
        return numbers;
    }

    private static long WholeNumber(JsonElement value, string path, string allowed)
    {
        if (value.ValueKind != JsonValueKind.Number) throw ScenarioException.NotAllowed(path, value, allowed);
        if (value.TryGetInt64(out long exact)) return exact;
        // 1e3 or 4.0: accept when the value is a whole number that fits; refuse 2.5 and 1e30.
        if (value.TryGetDouble(out double number) && double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 1e15)
            return (long)number;
        throw ScenarioException.NotAllowed(path, value, allowed);
    }
}
