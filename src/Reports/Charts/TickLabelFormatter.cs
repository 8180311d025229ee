using System.Globalization;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Short, culture-independent tick labels: plain decimals for 0.01 ≤ |v| &lt; 10⁴ ("0.01", "2.5", "1000"),
/// otherwise mantissa "e" exponent without padding ("1e-3", "2.5e4", "1e-12"); zero is "0".</summary>
/// <remarks>Values are first rounded to 12 significant digits, which removes binary noise (0.30000000000000004
/// becomes "0.3") yet keeps ticks of the narrowest accepted range (relative span 1e-9) apart.</remarks>
public static class TickLabelFormatter
{
    private const int SignificantDigits = 12;
    private const double PlainLowerBound = 0.01;
    private const double PlainUpperBound = 1e4;

    /// <summary>Label text of one tick value; "NaN", "∞" or "-∞" for non-finite input.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        if (value == 0)
        {
            return "0";
        }

        double magnitude = Math.Abs(value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        if (magnitude >= PlainLowerBound && magnitude < PlainUpperBound)
        {
            // exponent ∈ [−2, 3], so the decimal count lies in [8, 13], inside Math.Round's limit of 15.
            int decimals = Math.Clamp(SignificantDigits - 1 - exponent, 0, 15);
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("R", CultureInfo.InvariantCulture);
        }

        double mantissa = value / TickGenerator.Decimal(1, exponent);
        if (Math.Abs(mantissa) >= 10)
        {
            exponent++;
            mantissa = value / TickGenerator.Decimal(1, exponent);
        }
        else if (Math.Abs(mantissa) < 1)
        {
            exponent--;
            mantissa = value / TickGenerator.Decimal(1, exponent);
        }

        if (!double.IsFinite(mantissa))
        {
            // Only subnormal values get here (10^exponent underflows to 0); they need no compact form.
            return value.ToString("E3", CultureInfo.InvariantCulture);
        }

        mantissa = Math.Round(mantissa, SignificantDigits - 1, MidpointRounding.AwayFromZero);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        return mantissa.ToString("R", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A value rounded to four significant digits in the same style, for descriptions ("2.035e-4", "1.413e4").</summary>
    public static string Brief(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return Format(value);
        }

        double rounded = double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Format(rounded);
    }
}
