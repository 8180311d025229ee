using System.Runtime.CompilerServices;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Box–Muller on one Philox block, the scalar reference every SIMD path must equal bit for bit.
/// u1 = (((x0 | x1·2^32) &gt;&gt; 11) + 1)·2^-53 ∈ (0, 1], u2 = ((x2 | x3·2^32) &gt;&gt; 11)·2^-53 ∈ [0, 1),
/// ρ = √(−2 ln u1); the block yields ρ cos(2πu2) (even normal) and ρ sin(2πu2) (odd normal)
/// (Box and Muller, Ann. Math. Statist. 29, 1958).
/// </summary>
internal static class NormalPairs
{
    /// <summary>2^-53, the spacing of the 53-bit uniforms.</summary>
    internal const double TwoPowMinus53 = 1.0 / 9007199254740992.0;

    /// <summary>The two standard normals of <paramref name="block"/>: (even = ρ cos 2πu2, odd = ρ sin 2πu2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FromBlock(Block block, out double even, out double odd)
    {
        ulong radiusWord = block.Word0 | ((ulong)block.Word1 << 32);
        ulong angleWord = block.Word2 | ((ulong)block.Word3 << 32);
        // Both integers are below 2^53 + 1, so the conversions and the scaling by 2^-53 are exact.
        double u1 = (double)((radiusWord >> 11) + 1) * TwoPowMinus53;
        double u2 = (double)(angleWord >> 11) * TwoPowMinus53;
        double radius = Math.Sqrt(PortableMath.LogOfNormal(u1) * -2.0);
        PortableMath.SinCosTwoPi(u2, out double sin, out double cos);
        even = radius * cos;
        odd = radius * sin;
    }
}
