using System.Runtime.CompilerServices;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// The suite's own logarithm, exponential and sin/cos of 2πu, written as a fixed sequence of IEEE-754 operations (+, −, ×, ÷,
/// explicit <see cref="Math.FusedMultiplyAdd"/>, integer bit manipulation) so that the scalar code here and the
/// Vector512/Vector256 code in <c>PortableMathVector512</c>/<c>PortableMathVector256</c>, which repeat the same
/// operations in the same order, give identical bits on every machine. <see cref="Math.Log(double)"/> and
/// <see cref="Math.SinCos"/> carry no such guarantee across runtimes, CPUs or vector widths.
/// Accuracy (tests: PortableMathTests), over 5·10^7 generator uniforms against <see cref="Math.Log(double)"/> and
/// against a double-double reduction of <see cref="Math.SinCos"/>: <see cref="Log"/> max 1 ulp (98.6 % exact),
/// sin(2πu) max 2 ulp (0.2 % at 2 ulp), cos(2πu) max 2 ulp (0.015 % at 2 ulp); the references themselves err by up
/// to about 0.6 ulp. Stated bounds, asserted by the tests: Log ≤ 1 ulp on (0, ∞), <see cref="SinCosTwoPi(double)"/> ≤ 2 ulp,
/// <see cref="Exp"/> ≤ 2 ulp of Math.Exp (PortableExpTests). Log and sin/cos feed the Box–Muller generator; Exp feeds
/// the smooth function's oracle and its AVX-512 kernel.
/// </summary>
public static class PortableMath
{
    // Bits of the double nearest sqrt(1/2): subtracting them splits x = 2^e · m with m in [sqrt(1/2), sqrt(2)).
    internal const ulong SqrtHalfBits = 0x3FE6A09E667F3BCD;
    internal const ulong ExponentMask = 0xFFF0000000000000;
    // 1024 · 2^52: keeps the shifted exponent non-negative so a logical shift can replace an arithmetic one.
    internal const ulong ExponentBias = 1024UL << 52;
    // 2^52 as bits; OR-ing an integer below 2^52 into its mantissa gives 2^52 + integer exactly.
    internal const ulong TwoPow52Bits = 0x4330000000000000;
    // 1.5 · 2^52: adding it to an integer q with |q| < 2^51 leaves q mod 4 in the two lowest mantissa bits.
    internal const double QuadrantShifter = 6755399441055744.0;
    internal const double TwoPow52PlusBias = 4503599627371520.0; // 2^52 + 1024

    // ln 2 split so that e · Ln2High is exact for |e| < 2^21 (Ln2High has 32 significant bits).
    internal const double Ln2High = 0.6931471803691238;   // 0x3FE62E42FEE00000
    internal const double Ln2Low = 1.9082149292705877e-10; // 0x3DEA39EF35793C76, ln 2 − Ln2High rounded

    // ln(1+f) = 2 atanh(s), s = f/(2+f): 2s + Σ_{k≥1} 2 s^(2k+1)/(2k+1). R(z) = z Σ_{k=1..10} (2/(2k+1)) z^(k-1).
    // |s| ≤ 3 − 2√2 ≈ 0.1716, so the first omitted term is below 7e-19 of the result.
    internal const double LogCoefficient1 = 2.0 / 3.0;
    internal const double LogCoefficient2 = 2.0 / 5.0;
    internal const double LogCoefficient3 = 2.0 / 7.0;
    internal const double LogCoefficient4 = 2.0 / 9.0;
    internal const double LogCoefficient5 = 2.0 / 11.0;
    internal const double LogCoefficient6 = 2.0 / 13.0;
    internal const double LogCoefficient7 = 2.0 / 15.0;
    internal const double LogCoefficient8 = 2.0 / 17.0;
    internal const double LogCoefficient9 = 2.0 / 19.0;
    internal const double LogCoefficient10 = 2.0 / 21.0;

    // Taylor coefficients (−1)^k (2π)^(2k+1)/(2k+1)! of sin(2πr), correctly rounded from a 60-digit π.
    // |r| ≤ 1/8, so the first omitted term is below 1.1e-19 of the result.
    internal const double SinCoefficient0 = 6.283185307179586;
    internal const double SinCoefficient1 = -41.34170224039976;
    internal const double SinCoefficient2 = 81.60524927607506;
    internal const double SinCoefficient3 = -76.70585975306139;
    internal const double SinCoefficient4 = 42.058693944897655;
    internal const double SinCoefficient5 = -15.09464257682299;
    internal const double SinCoefficient6 = 3.819952584848282;
    internal const double SinCoefficient7 = -0.7181223017785006;
    internal const double SinCoefficient8 = 0.10422916220813984;

    // Taylor coefficients (−1)^k (2π)^(2k)/(2k)! of cos(2πr) for k ≥ 1 (k = 0 is 1); first omitted term < 2.1e-18.
    internal const double CosCoefficient1 = -19.739208802178716;
    internal const double CosCoefficient2 = 64.9393940226683;
    internal const double CosCoefficient3 = -85.45681720669373;
    internal const double CosCoefficient4 = 60.24464137187666;
    internal const double CosCoefficient5 = -26.4262567833744;
    internal const double CosCoefficient6 = 7.903536371318469;
    internal const double CosCoefficient7 = -1.714390711088672;
    internal const double CosCoefficient8 = 0.28200596845579123;
    internal const double CosCoefficient9 = -0.03638284114254567;

    // exp: x = k·ln 2 + r with k = round-half-even(x·log₂e), |r| ≤ ln2/2 + ε ≈ 0.3466; e^r by its Taylor series to
    // r¹³/13! (the first omitted term is below 4.2e-18 of the result); 2^k applied as two exact powers of two so
    // results down to the subnormal range round once.
    internal const double Log2E = 1.4426950408889634;
    internal const double ExpLowestArgument = -1000.0; // below −745.2 the result is 0; the clamp keeps 2^k's halves normal
    internal const double ExpHighestArgument = 709.782712893384; // the largest x with a finite e^x (rounded down)
    internal const double ExpCoefficient2 = 1.0 / 2;
    internal const double ExpCoefficient3 = 1.0 / 6;
    internal const double ExpCoefficient4 = 1.0 / 24;
    internal const double ExpCoefficient5 = 1.0 / 120;
    internal const double ExpCoefficient6 = 1.0 / 720;
    internal const double ExpCoefficient7 = 1.0 / 5040;
    internal const double ExpCoefficient8 = 1.0 / 40320;
    internal const double ExpCoefficient9 = 1.0 / 362880;
    internal const double ExpCoefficient10 = 1.0 / 3628800;
    internal const double ExpCoefficient11 = 1.0 / 39916800;
    internal const double ExpCoefficient12 = 1.0 / 479001600;
    internal const double ExpCoefficient13 = 1.0 / 6227020800;

    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoPow54 = 18014398509481984.0;

    /// <summary>
    /// Natural logarithm. x = 2^e · m with m ∈ [√½, √2) by bit manipulation (frexp-style), f = m − 1,
    /// s = f/(2+f), ln m = f − (f²/2 − s(f²/2 + R(s²))) with R the atanh series above (fdlibm's arrangement),
    /// ln x = e·ln2_hi + (ln m + e·ln2_lo). Special values as <see cref="Math.Log(double)"/>: NaN or x &lt; 0 gives NaN,
    /// ±0 gives −∞, +∞ gives +∞; subnormals are scaled by 2^54 first.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x >= SmallestNormal) || double.IsPositiveInfinity(x))
        {
            if (double.IsNaN(x) || x < 0) return double.NaN;
            if (x == 0) return double.NegativeInfinity;
            if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
            // Subnormal: scale into the normal range; the −54·ln 2 is added with the same split constants.
            double scaled = LogOfNormal(x * TwoPow54);
            return scaled - 54.0 * Ln2High - 54.0 * Ln2Low;
        }
        return LogOfNormal(x);
    }

    /// <summary>The logarithm for positive normal finite x, without special cases; the vector code mirrors this.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double LogOfNormal(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        ulong shifted = bits - SqrtHalfBits;
        ulong biasedExponent = (shifted + ExponentBias) >> 52;
        double exponent = BitConverter.UInt64BitsToDouble(biasedExponent | TwoPow52Bits) - TwoPow52PlusBias;
        double mantissa = BitConverter.UInt64BitsToDouble(bits - (shifted & ExponentMask));

        double f = mantissa - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double polynomial = LogCoefficient10;
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient9);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient8);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient7);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient6);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient5);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient4);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient3);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient2);
        polynomial = Math.FusedMultiplyAdd(polynomial, z, LogCoefficient1);
        double r = z * polynomial;
        double halfF = 0.5 * f;
        double halfFSquared = halfF * f;
        double low = Math.FusedMultiplyAdd(s, halfFSquared + r, exponent * Ln2Low);
        return exponent * Ln2High + (f - (halfFSquared - low));
    }

    /// <summary>
    /// eˣ as a fixed sequence of IEEE operations (Cody and Waite's reduction; Muller, Elementary Functions, §11):
    /// k = round-half-even(x·log₂e), r = (x − k·ln2_hi) − k·ln2_lo by two fused multiply-adds, e^r by Horner's rule on
    /// its Taylor series to degree 13, times 2^⌊k/2⌋ (exact) and 2^(k − ⌊k/2⌋) (one rounding, also into the subnormal
    /// range). Special values as <see cref="Math.Exp(double)"/>: NaN gives NaN, +∞ gives +∞, −∞ gives 0; overflow
    /// gives +∞. Accuracy (tests: PortableMathTests): within 2 ulp of Math.Exp.
    /// </summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x > ExpHighestArgument) return double.PositiveInfinity;
        return ExpOfFinite(Math.Max(x, ExpLowestArgument));
    }

    /// <summary>The body of <see cref="Exp"/> for x in [−1000, 709.78]; the vector code mirrors this operation by operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ExpOfFinite(double x)
    {
        double k = Math.Round(x * Log2E, MidpointRounding.ToEven);
        // k·Ln2High is exact (|k| ≤ 1443 has 11 bits, Ln2High 32), so the first fused form rounds x − k·ln2_hi once.
        double r = Math.FusedMultiplyAdd(k, -Ln2High, x);
        r = Math.FusedMultiplyAdd(k, -Ln2Low, r);
        double polynomial = ExpCoefficient13;
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient12);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient11);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient10);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient9);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient8);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient7);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient6);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient5);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient4);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient3);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, ExpCoefficient2);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, 1.0);
        polynomial = Math.FusedMultiplyAdd(polynomial, r, 1.0);
        long wholeK = (long)k;
        long firstHalf = wholeK >> 1;
        long secondHalf = wholeK - firstHalf;
        // Both halves lie in [−722, 512], so each power of two is a normal double built from its exponent bits.
        return polynomial * BitConverter.Int64BitsToDouble((firstHalf + 1023) << 52) * BitConverter.Int64BitsToDouble((secondHalf + 1023) << 52);
    }

    /// <summary>
    /// sin(2πu) and cos(2πu), reduced on u itself: q = round-half-even(4u), r = u − q/4 ∈ [−1/8, 1/8] (exact for
    /// every double with |u| ≤ 2^48), then the Taylor polynomials above in r² and the quadrant q mod 4. Avoids the
    /// rounding of 2π·u that ruins sin(2πu) near u = 1/2. Valid for |u| ≤ 2^48; the generator calls it on [0, 1).
    /// </summary>
    public static (double Sin, double Cos) SinCosTwoPi(double u)
    {
        SinCosTwoPi(u, out double sin, out double cos);
        return (sin, cos);
    }

    /// <summary>The body of <see cref="SinCosTwoPi(double)"/>; the vector code mirrors this operation by operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SinCosTwoPi(double u, out double sin, out double cos)
    {
        double quadrant = Math.Round(u * 4.0, MidpointRounding.ToEven);
        double r = u - quadrant * 0.25;
        double z = r * r;

        double sinPolynomial = SinCoefficient8;
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient7);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient6);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient5);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient4);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient3);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient2);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient1);
        sinPolynomial = Math.FusedMultiplyAdd(sinPolynomial, z, SinCoefficient0);
        double sinOfReduced = r * sinPolynomial;

        double cosPolynomial = CosCoefficient9;
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient8);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient7);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient6);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient5);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient4);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient3);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient2);
        cosPolynomial = Math.FusedMultiplyAdd(cosPolynomial, z, CosCoefficient1);
        double cosOfReduced = Math.FusedMultiplyAdd(cosPolynomial, z, 1.0);

        // Quadrant q mod 4 from the low bits of 1.5·2^52 + q; odd quadrants swap sin and cos, and the sign bits
        // follow sin(θ + qπ/2): sin negated for q ≡ 2, 3 and cos negated for q ≡ 1, 2 (mod 4).
        ulong quadrantBits = BitConverter.DoubleToUInt64Bits(quadrant + QuadrantShifter);
        bool swap = (quadrantBits & 1) != 0;
        ulong sinSign = (quadrantBits & 2) << 62;
        ulong cosSign = ((quadrantBits + 1) & 2) << 62;
        double sinBase = swap ? cosOfReduced : sinOfReduced;
        double cosBase = swap ? sinOfReduced : cosOfReduced;
        sin = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(sinBase) ^ sinSign);
        cos = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(cosBase) ^ cosSign);
    }
}
