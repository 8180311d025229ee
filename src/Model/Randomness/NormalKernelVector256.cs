using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Philox4x32-10 and Box–Muller for four blocks at once, one block per 64-bit lane (structure of arrays).
/// Each 32-bit Philox word lives in the low half of a 64-bit lane; vpmuludq (<see cref="Avx2.Multiply(Vector256{uint}, Vector256{uint})"/>)
/// multiplies those low halves into full 64-bit products, so hi/lo are a shift away. The high halves of the
/// lanes collect garbage that never reaches a low half (multiplies read only low halves, XORs and adds
/// move nothing downwards), and it is masked off before the words are combined. Mirrors
/// <see cref="Philox4x32.Generate"/> and <see cref="NormalPairs.FromBlock"/> bit for bit.
/// </summary>
internal static class NormalKernelVector256
{
    /// <summary>
    /// Ten Philox rounds on the four blocks whose counters are the low halves of x0..x3. Round r uses the key
    /// (key0 + r·0x9E3779B9, key1 + r·0xBB67AE85) mod 2^32, the schedule of <see cref="Philox4x32.Generate"/>,
    /// broadcast from scalars in every round (one vpbroadcastq each). A precomputed table of broadcast keys on the
    /// stack measured slower: building it cost about three kernels per call, and calls are often short.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Philox(
        ref Vector256<ulong> x0, ref Vector256<ulong> x1, ref Vector256<ulong> x2, ref Vector256<ulong> x3, uint key0, uint key1)
    {
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 0u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 0u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 1u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 1u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 2u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 2u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 3u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 3u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 4u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 4u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 5u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 5u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 6u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 6u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 7u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 7u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 8u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 8u * Philox4x32.Weyl1)));
        Round(ref x0, ref x1, ref x2, ref x3, Vector256.Create((ulong)unchecked(key0 + 9u * Philox4x32.Weyl0)), Vector256.Create((ulong)unchecked(key1 + 9u * Philox4x32.Weyl1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ref Vector256<ulong> x0, ref Vector256<ulong> x1, ref Vector256<ulong> x2, ref Vector256<ulong> x3,
        Vector256<ulong> key0, Vector256<ulong> key1)
    {
        Vector256<ulong> product0 = Avx2.Multiply(x0.AsUInt32(), Vector256.Create((ulong)Philox4x32.Multiplier0).AsUInt32());
        Vector256<ulong> product1 = Avx2.Multiply(x2.AsUInt32(), Vector256.Create((ulong)Philox4x32.Multiplier1).AsUInt32());
        Vector256<ulong> next0 = Vector256.ShiftRightLogical(product1, 32) ^ x1 ^ key0;
        Vector256<ulong> next2 = Vector256.ShiftRightLogical(product0, 32) ^ x3 ^ key1;
        x0 = next0;
        x1 = product1;
        x2 = next2;
        x3 = product0;
    }

    /// <summary>
    /// The normals of four blocks: lane i of <paramref name="even"/>/<paramref name="odd"/> holds normals 2·c0ᵢ and
    /// 2·c0ᵢ+1 of the address (c1, c2ᵢ, c3) = (step, worker, replicate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Normals(
        Vector256<ulong> counter0, Vector256<ulong> counter1, Vector256<ulong> counter2, Vector256<ulong> counter3,
        Key key, out Vector256<double> even, out Vector256<double> odd)
    {
        Vector256<ulong> x0 = counter0, x1 = counter1, x2 = counter2, x3 = counter3;
        Philox(ref x0, ref x1, ref x2, ref x3, key.Word0, key.Word1);
        Vector256<ulong> lowHalf = Vector256.Create(0xFFFF_FFFFUL);
        Vector256<ulong> radiusWord = Vector256.ConditionalSelect(lowHalf, x0, Vector256.ShiftLeft(x1, 32));
        Vector256<ulong> angleWord = Vector256.ConditionalSelect(lowHalf, x2, Vector256.ShiftLeft(x3, 32));
        Vector256<double> scale = Vector256.Create(NormalPairs.TwoPowMinus53);
        Vector256<double> u1 = ExactToDouble(Vector256.ShiftRightLogical(radiusWord, 11) + Vector256<ulong>.One) * scale;
        Vector256<double> u2 = ExactToDouble(Vector256.ShiftRightLogical(angleWord, 11)) * scale;
        Vector256<double> radius = Vector256.Sqrt(PortableMathVector256.LogOfNormal(u1) * Vector256.Create(-2.0));
        PortableMathVector256.SinCosTwoPi(u2, out Vector256<double> sin, out Vector256<double> cos);
        even = radius * cos;
        odd = radius * sin;
    }

    /// <summary>
    /// Exact conversion of integers below 2^54 without AVX-512DQ: high·2^32 via the 2^84 magic number minus
    /// 2^52, low via the 2^52 magic number, and one exact addition (the sum is representable).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExactToDouble(Vector256<ulong> value)
    {
        Vector256<double> high = (Vector256.ShiftRightLogical(value, 32) | Vector256.Create(0x4530000000000000UL)).AsDouble()
            - Vector256.Create(19342813118337666422669312.0); // 2^84 + 2^52
        Vector256<double> low = ((value & Vector256.Create(0xFFFF_FFFFUL)) | Vector256.Create(PortableMath.TwoPow52Bits)).AsDouble();
        return high + low;
    }

    /// <summary>Interleaves even/odd normals into storage order: first = e0 o0 e1 o1, second = e2 o2 e3 o3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(Vector256<double> even, Vector256<double> odd, out Vector256<double> first, out Vector256<double> second)
    {
        Vector256<double> low = Avx.UnpackLow(even, odd);   // e0 o0 e2 o2
        Vector256<double> high = Avx.UnpackHigh(even, odd); // e1 o1 e3 o3
        first = Avx.Permute2x128(low, high, 0x20);
        second = Avx.Permute2x128(low, high, 0x31);
    }
}
