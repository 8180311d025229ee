namespace LocalSgdVerify.Tests.Randomness;

/// <summary>
/// Reference values for the accuracy tests, built on the runtime's Math.Sin/Math.Cos (sub-ulp) with the argument
/// 2πr carried as a double-double, so that the rounding of 2π·u does not enter the reference.
/// </summary>
internal static class PortableMathReference
{
    private const double TwoPiHigh = 2 * Math.PI;
    // 2π − TwoPiHigh = 2(π − fl(π)); π − fl(π) = 1.2246467991473532e-16.
    private const double TwoPiLow = 2.4492935982947064e-16;

    /// <summary>sin(2πu), cos(2πu) for u with |u| ≤ 2^48 to about 0.6 ulp.</summary>
    public static (double Sin, double Cos) SinCosTwoPi(double u)
    {
        double quadrant = Math.Round(4 * u);
        double r = u - quadrant / 4; // exact for |u| ≤ 2^48
        double high = r * TwoPiHigh;
        double low = Math.FusedMultiplyAdd(r, TwoPiHigh, -high) + r * TwoPiLow;
        (double sinHigh, double cosHigh) = Math.SinCos(high);
        double sin = sinHigh + cosHigh * low;
        double cos = cosHigh - sinHigh * low;
        int q = (int)(((long)quadrant % 4 + 4) % 4);
        return q switch
        {
            0 => (sin, cos),
            1 => (cos, -sin),
            2 => (-sin, -cos),
            _ => (-cos, sin),
        };
    }
}
