using FsCheck;
using FsCheck.Fluent;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>Distance in units in the last place between two finite doubles (0 for equal values, including ±0).</summary>
internal static class UlpDistance
{
    public static double Between(double value, double reference)
    {
        if (value == reference)
        {
            return 0;
        }
        // Map the IEEE bit patterns onto a monotone integer line so that the difference counts representable doubles.
        long a = Ordered(value), b = Ordered(reference);
        // In 128 bits: the difference of two 64-bit values can overflow, and a double would round it.
        return (double)Int128.Abs((Int128)a - b);
    }

    /// <summary>The property "portable(x) is within <paramref name="bound"/> ulp of reference(x)", checked on <paramref name="cases"/> arguments.</summary>
    public static void CheckWithin(Gen<double> arguments, Func<double, double> portable, Func<double, double> reference, double bound, int cases) =>
        Prop.ForAll(arguments.ToArbitrary(), x => Between(portable(x), reference(x)) <= bound)
            .Check(RandomnessPropertyConfig.Create(cases));

    private static long Ordered(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        return bits < 0 ? long.MinValue - bits : bits;
    }
}
