namespace LocalSgdVerify.Model;

/// <summary>
/// A problem, schedule or run parameter outside its allowed range. The message names the field, the value
/// and what is allowed, so the command line can print it as it is and exit with code 2.
/// </summary>
public sealed class ProblemParameterException(string field, string value, string allowed)
    : ArgumentException($"{field} = {value} is not allowed: expected {allowed}.")
{
    /// <summary>Dotted path of the offending field, e.g. <c>problem.curvatures[2]</c>.</summary>
    public string Field { get; } = field;

    /// <summary>The value as given.</summary>
    public string Value { get; } = value;

    /// <summary>What the field accepts.</summary>
    public string Allowed { get; } = allowed;

    /// <summary>Throws unless value is finite and &gt; 0.</summary>
    public static void RequirePositive(string field, double value)
    {
        if (!double.IsFinite(value) || value <= 0) throw new ProblemParameterException(field, NumberText.RoundTrip(value), "a finite number > 0");
    }

    /// <summary>Throws unless value is finite and ≥ 0.</summary>
    public static void RequireNonNegative(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0) throw new ProblemParameterException(field, NumberText.RoundTrip(value), "a finite number >= 0");
    }

    /// <summary>Throws unless value is finite.</summary>
    public static void RequireFinite(string field, double value)
    {
        if (!double.IsFinite(value)) throw new ProblemParameterException(field, NumberText.RoundTrip(value), "a finite number");
    }

    /// <summary>Throws unless value ≥ minimum.</summary>
    public static void RequireAtLeast(string field, long value, long minimum)
    {
        if (value < minimum) throw new ProblemParameterException(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"an integer >= {minimum}");
    }
}
