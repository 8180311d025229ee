using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Philox4x32-10 and Box–Muller for eight blocks at once, one block per 64-bit lane (structure of arrays).
/// Each 32-bit Philox word lives in the low half of a 64-bit lane; vpmuludq (<see cref="Avx512F.Multiply(Vector512{uint}, Vector512{uint})"/>)
/// multiplies those low halves into full 64-bit products, so hi/lo are a shift away. The high halves of the
/// lanes collect garbage that never reaches a low half (multiplies read only low halves, XORs and adds
/// move nothing downwards), and it is masked off before the words are combined. Mirrors
/// <see cref="Philox4x32.Generate"/> and <see cref="NormalPairs.FromBlock"/> bit for bit.
/// </summary>
internal static class NormalKernelVector512
{
    /// <summary>
    /// Ten Philox rounds on the eight blocks whose counters are the low halves of x0..x3. Round r uses the key
    /// (key0 + r·0x9E3779B9, key1 + r·0xBB67AE85) mod 2^32, the schedule of <see cref="Philox4x32.Generate"/>,
    /// broadcast from scalars in every round (one vpbroadcastq each). A precomputed table of broadcast keys on the
    /// stack measured slower: building it cost about three kernels per call, and calls are often short.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Philox(
        ref Vector512<ulong> x0, ref Vector512<ulong> x1, ref Vector512<ulong> x2, ref Vector512<ulong> x3, uint key0, uint key1)
    {
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 0u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 0u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 1u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 1u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 2u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 2u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 3u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 3u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 4u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 4u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 5u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 5u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 6u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 6u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 7u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 7u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 8u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 8u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector512.Create((ulong)unchecked(key0 + 9u * Philox4x32.Weyl0)), Vector512.Create((ulong)unchecked(key1 + 9u * Philox4x32.Weyl1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ref Vector512<ulong> x0, ref Vector512<ulong> x1, ref Vector512<ulong> x2, ref Vector512<ulong> x3,
        Vector512<ulong> key0, Vector512<ulong> key1)
    {
        Vector512<ulong> product0 = Avx512F.Multiply(x0.AsUInt32(), Vector512.Create((ulong)Philox4x32.Multiplier0).AsUInt32());
        Vector512<ulong> product1 = Avx512F.Multiply(x2.AsUInt32(), Vector512.Create((ulong)Philox4x32.Multiplier1).AsUInt32());
        Vector512<ulong> next0 = Vector512.ShiftRightLogical(product1, 32) ^ x1 ^ key0;
        Vector512<ulong> next2 = Vector512.ShiftRightLogical(product0, 32) ^ x3 ^ key1;
        x0 = next0;
        x1 = product1;
        x2 = next2;
        x3 = product0;
    }

    /// <summary>
    /// The normals of eight blocks: lane i of <paramref name="even"/>/<paramref name="odd"/> holds normals 2·c0ᵢ and
    /// 2·c0ᵢ+1 of the address (c1, c2ᵢ, c3) = (step, worker, replicate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Normals(
        Vector512<ulong> counter0, Vector512<ulong> counter1, Vector512<ulong> counter2, Vector512<ulong> counter3,
        Key key, out Vector512<double> even, out Vector512<double> odd)
    {
        Vector512<ulong> x0 = counter0, x1 = counter1, x2 = counter2, x3 = counter3;
        Philox(ref x0, ref x1, ref x2, ref x3, key.Word0, key.Word1);
        Vector512<ulong> lowHalf = Vector512.Create(0xFFFF_FFFFUL);
        Vector512<ulong> radiusWord = Vector512.ConditionalSelect(lowHalf, x0, Vector512.ShiftLeft(x1, 32));
        Vector512<ulong> angleWord = Vector512.ConditionalSelect(lowHalf, x2, Vector512.ShiftLeft(x3, 32));
        // Exact conversions (integers ≤ 2^53) with vcvtuqq2pd; any exact method gives the scalar bits.
        Vector512<double> scale = Vector512.Create(NormalPairs.TwoPowMinus53);
        Vector512<double> u1 = Vector512.ConvertToDouble(Vector512.ShiftRightLogical(radiusWord, 11) + Vector512<ulong>.One) * scale;
        Vector512<double> u2 = Vector512.ConvertToDouble(Vector512.ShiftRightLogical(angleWord, 11)) * scale;
        Vector512<double> radius = Vector512.Sqrt(PortableMathVector512.LogOfNormal(u1) * Vector512.Create(-2.0));
        PortableMathVector512.SinCosTwoPi(u2, out Vector512<double> sin, out Vector512<double> cos);
        even = radius * cos;
        odd = radius * sin;
    }

    /// <summary>Interleaves even/odd normals into storage order: first = e0 o0 … e3 o3, second = e4 o4 … e7 o7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector512<double> even, Vector512<double> odd, out Vector512<double> first, out Vector512<double> second)
    {
        first = Avx512F.PermuteVar8x64x2(even, Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11), odd);
        second = Avx512F.PermuteVar8x64x2(even, Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15), odd);
    }
}
