using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static LocalSgdVerify.Model.Randomness.PortableMath;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// <see cref="PortableMath"/> on four lanes: the same operations in the same order as
/// <see cref="PortableMath.LogOfNormal"/> and <see cref="PortableMath.SinCosTwoPi(double, out double, out double)"/>,
/// so every lane equals the scalar result bit for bit. Any edit here must be mirrored there and in
/// <see cref="PortableMathVector512"/>.
/// </summary>
internal static class PortableMathVector256
{
    /// <summary>Natural logarithm of positive normal finite lanes (no special cases), as <see cref="PortableMath.LogOfNormal"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogOfNormal(Vector256<double> x)
    {
        Vector256<ulong> bits = x.AsUInt64();
        Vector256<ulong> shifted = bits - Vector256.Create(SqrtHalfBits);
        Vector256<ulong> biasedExponent = Vector256.ShiftRightLogical(shifted + Vector256.Create(ExponentBias), 52);
        Vector256<double> exponent = (biasedExponent | Vector256.Create(TwoPow52Bits)).AsDouble() - Vector256.Create(TwoPow52PlusBias);
        Vector256<double> mantissa = (bits - (shifted & Vector256.Create(ExponentMask))).AsDouble();

        Vector256<double> f = mantissa - Vector256<double>.One;
        Vector256<double> s = f / (Vector256.Create(2.0) + f);
        Vector256<double> z = s * s;
        Vector256<double> polynomial = Vector256.Create(LogCoefficient10);
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient9));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient8));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient7));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient6));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient5));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient4));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient3));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient2));
        polynomial = Vector256.FusedMultiplyAdd(polynomial, z, Vector256.Create(LogCoefficient1));
        Vector256<double> r = z * polynomial;
        Vector256<double> halfF = Vector256.Create(0.5) * f;
        Vector256<double> halfFSquared = halfF * f;
        Vector256<double> low = Vector256.FusedMultiplyAdd(s, halfFSquared + r, exponent * Vector256.Create(Ln2Low));
        return exponent * Vector256.Create(Ln2High) + (f - (halfFSquared - low));
    }

    /// <summary>sin(2πu) and cos(2πu) for |u| ≤ 2^48, as <see cref="PortableMath.SinCosTwoPi(double, out double, out double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTwoPi(Vector256<double> u, out Vector256<double> sin, out Vector256<double> cos)
    {
        Vector256<double> quadrant = Vector256.Round(u * Vector256.Create(4.0));
        Vector256<double> r = u - quadrant * Vector256.Create(0.25);
        Vector256<double> z = r * r;

        Vector256<double> sinPolynomial = Vector256.Create(SinCoefficient8);
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient7));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient6));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient5));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient4));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient3));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient2));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient1));
        sinPolynomial = Vector256.FusedMultiplyAdd(sinPolynomial, z, Vector256.Create(SinCoefficient0));
        Vector256<double> sinOfReduced = r * sinPolynomial;

        Vector256<double> cosPolynomial = Vector256.Create(CosCoefficient9);
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient8));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient7));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient6));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient5));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient4));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient3));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient2));
        cosPolynomial = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256.Create(CosCoefficient1));
        Vector256<double> cosOfReduced = Vector256.FusedMultiplyAdd(cosPolynomial, z, Vector256<double>.One);

        Vector256<ulong> quadrantBits = (quadrant + Vector256.Create(QuadrantShifter)).AsUInt64();
        Vector256<double> swap = Vector256.Equals(quadrantBits & Vector256<ulong>.One, Vector256<ulong>.One).AsDouble();
        Vector256<ulong> sinSign = Vector256.ShiftLeft(quadrantBits & Vector256.Create(2UL), 62);
        Vector256<ulong> cosSign = Vector256.ShiftLeft((quadrantBits + Vector256<ulong>.One) & Vector256.Create(2UL), 62);
        sin = (Vector256.ConditionalSelect(swap, cosOfReduced, sinOfReduced).AsUInt64() ^ sinSign).AsDouble();
        cos = (Vector256.ConditionalSelect(swap, sinOfReduced, cosOfReduced).AsUInt64() ^ cosSign).AsDouble();
    }
}
