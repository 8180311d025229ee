using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static LocalSgdVerify.Model.Randomness.PortableMath;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// <see cref="PortableMath"/> on eight lanes: the same operations in the same order as
/// <see cref="PortableMath.LogOfNormal"/> and <see cref="PortableMath.SinCosTwoPi(double, out double, out double)"/>,
/// so every lane equals the scalar result bit for bit. Any edit here must be mirrored there and in
/// <see cref="PortableMathVector256"/>.
/// </summary>
internal static class PortableMathVector512
{
    /// <summary>Natural logarithm of positive normal finite lanes (no special cases), as <see cref="PortableMath.LogOfNormal"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogOfNormal(Vector512<double> x)
    {
        Vector512<ulong> bits = x.AsUInt64();
        Vector512<ulong> shifted = bits - Vector512.Create(SqrtHalfBits);
        Vector512<ulong> biasedExponent = Vector512.ShiftRightLogical(shifted + Vector512.Create(ExponentBias), 52);
        Vector512<double> exponent = (biasedExponent | Vector512.Create(TwoPow52Bits)).AsDouble() - Vector512.Create(TwoPow52PlusBias);
        Vector512<double> mantissa = (bits - (shifted & Vector512.Create(ExponentMask))).AsDouble();

        Vector512<double> f = mantissa - Vector512<double>.One;
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> polynomial = Vector512.Create(LogCoefficient10);
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient9));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient8));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient7));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient6));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient5));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient4));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient3));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient2));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, z, Vector512.Create(LogCoefficient1));
        Vector512<double> r = z * polynomial;
        Vector512<double> halfF = Vector512.Create(0.5) * f;
        Vector512<double> halfFSquared = halfF * f;
        Vector512<double> low = Vector512.FusedMultiplyAdd(s, halfFSquared + r, exponent * Vector512.Create(Ln2Low));
        return exponent * Vector512.Create(Ln2High) + (f - (halfFSquared - low));
    }

    /// <summary>e^x for lanes in [−1000, 709.78], as <see cref="PortableMath.ExpOfFinite"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpOfFinite(Vector512<double> x)
    {
        Vector512<double> k = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<double> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2Low), r);
        Vector512<double> polynomial = Vector512.Create(ExpCoefficient13);
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient12));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient11));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient10));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient9));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient8));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient7));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient6));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient5));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient4));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient3));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512.Create(ExpCoefficient2));
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512<double>.One);
        polynomial = Vector512.FusedMultiplyAdd(polynomial, r, Vector512<double>.One);
        Vector512<long> wholeK = Vector512.ConvertToInt64(k);
        Vector512<long> firstHalf = Vector512.ShiftRightArithmetic(wholeK, 1);
        Vector512<long> secondHalf = wholeK - firstHalf;
        Vector512<double> firstScale = Vector512.ShiftLeft(firstHalf + Vector512.Create(1023L), 52).AsDouble();
        Vector512<double> secondScale = Vector512.ShiftLeft(secondHalf + Vector512.Create(1023L), 52).AsDouble();
        return polynomial * firstScale * secondScale;
    }

    /// <summary>sin(2πu) and cos(2πu) for |u| ≤ 2^48, as <see cref="PortableMath.SinCosTwoPi(double, out double, out double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTwoPi(Vector512<double> u, out Vector512<double> sin, out Vector512<double> cos)
    {
        Vector512<double> quadrant = Vector512.Round(u * Vector512.Create(4.0));
        Vector512<double> r = u - quadrant * Vector512.Create(0.25);
        Vector512<double> z = r * r;

        Vector512<double> sinPolynomial = Vector512.Create(SinCoefficient8);
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient7));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient6));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient5));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient4));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient3));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient2));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient1));
        sinPolynomial = Vector512.FusedMultiplyAdd(sinPolynomial, z, Vector512.Create(SinCoefficient0));
        Vector512<double> sinOfReduced = r * sinPolynomial;

        Vector512<double> cosPolynomial = Vector512.Create(CosCoefficient9);
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient8));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient7));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient6));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient5));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient4));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient3));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient2));
        cosPolynomial = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512.Create(CosCoefficient1));
        Vector512<double> cosOfReduced = Vector512.FusedMultiplyAdd(cosPolynomial, z, Vector512<double>.One);

        Vector512<ulong> quadrantBits = (quadrant + Vector512.Create(QuadrantShifter)).AsUInt64();
        Vector512<double> swap = Vector512.Equals(quadrantBits & Vector512<ulong>.One, Vector512<ulong>.One).AsDouble();
        Vector512<ulong> sinSign = Vector512.ShiftLeft(quadrantBits & Vector512.Create(2UL), 62);
        Vector512<ulong> cosSign = Vector512.ShiftLeft((quadrantBits + Vector512<ulong>.One) & Vector512.Create(2UL), 62);
        sin = (Vector512.ConditionalSelect(swap, cosOfReduced, sinOfReduced).AsUInt64() ^ sinSign).AsDouble();
        cos = (Vector512.ConditionalSelect(swap, sinOfReduced, cosOfReduced).AsUInt64() ^ cosSign).AsDouble();
    }
}
