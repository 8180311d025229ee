using LocalSgdVerify.Model.Text;

namespace LocalSgdVerify.Model.Statistics;

/// <summary>
/// Argument checks shared by the statistics code, so that bad input always gets one message naming the field,
/// the value and what is allowed.
/// </summary>
internal static class Require
{
    internal static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number, got {NumberText.RoundTrip(value)}.");
        }
    }

    internal static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number greater than 0, got {NumberText.RoundTrip(value)}.");
        }
    }

    internal static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number at least 0, got {NumberText.RoundTrip(value)}.");
        }
    }

    /// <summary>A confidence level or a power: strictly between 0 and 1.</summary>
    internal static void OpenUnitInterval(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie strictly between 0 and 1, got {NumberText.RoundTrip(value)}.");
        }
    }

    internal static void Count(int count, int minimum, string name, string why)
    {
        if (count < minimum)
        {
            throw new ArgumentException($"{name} must hold at least {minimum} values ({why}), got {count}.", name);
        }
    }

    internal static void SameLength(int first, int second, string firstName, string secondName)
    {
        if (first != second)
        {
            throw new ArgumentException(
                $"{firstName} and {secondName} must have the same length (they are paired), got {first} and {second}.",
                secondName);
        }
    }

    internal static void AllFinite(ReadOnlySpan<double> values, string name)
    {
        for (int index = 0; index < values.Length; index++)
        {
            if (!double.IsFinite(values[index]))
            {
                throw new ArgumentException(
                    $"{name}[{index}] must be a finite number, got {NumberText.RoundTrip(values[index])}.", name);
            }
        }
    }

    internal static void AllPositive(ReadOnlySpan<double> values, string name, string why)
    {
        for (int index = 0; index < values.Length; index++)
        {
            if (!(values[index] > 0) || !double.IsFinite(values[index]))
            {
                throw new ArgumentException(
                    $"{name}[{index}] must be a finite number greater than 0 ({why}), got {NumberText.RoundTrip(values[index])}.", name);
            }
        }
    }

    internal static void AllWithin(ReadOnlySpan<double> values, double lower, double upper, string name)
    {
        for (int index = 0; index < values.Length; index++)
        {
            double value = values[index];
            if (!(value >= lower && value <= upper))
            {
                throw new ArgumentException(
                    $"{name}[{index}] = {NumberText.RoundTrip(value)} lies outside the declared range [{NumberText.RoundTrip(lower)}, {NumberText.RoundTrip(upper)}]; " +
                    "a distribution-free bound is only valid when every sample lies in the declared range.", name);
            }
        }
    }

    internal static void Range(double lower, double upper, string lowerName, string upperName)
    {
        Finite(lower, lowerName);
        Finite(upper, upperName);
        if (!(upper > lower))
        {
            throw new ArgumentException(
                $"{upperName} must be greater than {lowerName}, got [{NumberText.RoundTrip(lower)}, {NumberText.RoundTrip(upper)}].", upperName);
        }
    }
}
