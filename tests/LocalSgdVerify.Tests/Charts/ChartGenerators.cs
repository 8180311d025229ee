using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Tests.Charts;

/// <summary>Generators built from integers only (the default double generator yields NaN and ±∞, which these
/// properties must control themselves).</summary>
internal static class ChartGenerators
{
    /// <summary>Linear range [a·10^e, (a + w)·10^e] with a ∈ [−10⁵, 10⁵], w ∈ [1, 5000], e ∈ [−8, 8], kept exact as
    /// decimals for independent checks.</summary>
    public static Gen<(decimal Minimum, decimal Maximum)> LinearRange =>
        from start in Gen.Choose(-100_000, 100_000)
        from width in Gen.Choose(1, 5000)
        from exponent in Gen.Choose(-8, 8)
        select (Scaled(start, exponent), Scaled(start + width, exponent));

    /// <summary>Log range [m₁·10^e, m₂·10^(e + d)] with m ∈ [1, 99], e ∈ [−8, 8], d ∈ [0, 12], minimum &lt; maximum
    /// (and a relative span well above the accepted limit).</summary>
    public static Gen<(decimal Minimum, decimal Maximum)> LogRange =>
        (from low in Gen.Choose(1, 99)
         from exponent in Gen.Choose(-8, 8)
         from decades in Gen.Choose(0, 12)
         from high in Gen.Choose(1, 99)
         select (Scaled(low, exponent), Scaled(high, exponent + decades)))
        .Where(range => range.Item2 > range.Item1 * 1.001m);

    /// <summary>Integer pixel ends, either direction.</summary>
    public static Gen<(double Start, double End)> PixelEnds =>
        from start in Gen.Choose(0, 3000)
        from length in Gen.Choose(1, 3000)
        from upward in Gen.Elements(true, false)
        select ((double)start, (double)(upward ? start - length : start + length));

    public static decimal Scaled(long mantissa, int exponent)
    {
        decimal value = mantissa;
        for (int step = 0; step < Math.Abs(exponent); step++)
        {
            value = exponent > 0 ? value * 10 : value / 10;
        }

        return value;
    }

    /// <summary>The double nearest a decimal, through a correctly rounded parse.</summary>
    public static double ToDouble(decimal value) =>
        double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A data value from an integer code: −3 → NaN, −2 → +∞, −1 → −∞, otherwise (code − 20)/2, so about a
    /// tenth of the values are special and some are zero or negative (which a log axis cannot show).</summary>
    public static double FromCode(int code) => code switch
    {
        -3 => double.NaN,
        -2 => double.PositiveInfinity,
        -1 => double.NegativeInfinity,
        _ => (code - 20) / 2.0,
    };

    public static Gen<double[]> CodedValues(int length) =>
        Gen.ArrayOf(Gen.Choose(-3, 40).Select(FromCode), length);
}
