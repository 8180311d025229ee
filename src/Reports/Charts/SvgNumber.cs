using System.Globalization;

namespace LocalSgdVerify.Reports.Charts;

/// <summary>Numbers as written into SVG attributes: two decimals, invariant culture, no negative zero, so output is
/// byte-identical across machines and runs.</summary>
internal static class SvgNumber
{
    public static string Format(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0;
        }

        return rounded.ToString("F2", CultureInfo.InvariantCulture);
    }
}
