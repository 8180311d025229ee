using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Benchmarks.Prototypes;

/// <summary>
/// Not the suite's noise contract: a measurement of what a cheaper one would gain. The contract takes two normals
/// from each Philox4x32-10 block (53-bit uniforms from two 32-bit words each); this prototype takes four, Box–Muller
/// on 32-bit uniforms u1 = (w0 + 1)·2^-32, u2 = w1·2^-32 and again on (w2, w3), so one Philox block feeds twice the
/// normals. Its price: the radius is truncated at √(−2 ln 2^-32) ≈ 6.66 σ (probability 2.7·10^-11 per normal) and
/// the uniforms are coarser. Same Box–Muller code as the contract (<see cref="NormalKernelWide512"/>), so the
/// difference in rate is the Philox share. Run with <c>generator --prototype</c>.
/// </summary>
internal static class FourNormalsPerBlock
{
    private const int Lanes = 8;

    /// <summary>Fills <paramref name="destination"/> (a multiple of 128) with the normals of consecutive blocks 0, 1, 2, … of one address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Key key, uint worker, uint step, uint replicate, Span<double> destination)
    {
        ref double target = ref MemoryMarshal.GetReference(destination);
        var counter1 = WideUInt64.Broadcast(Vector512.Create((ulong)step));
        var counter2 = WideUInt64.Broadcast(Vector512.Create((ulong)worker));
        var counter3 = WideUInt64.Broadcast(Vector512.Create((ulong)replicate));
        var laneIndex = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        Vector512<double> scale = Vector512.Create(1.0 / 4294967296.0);
        Vector512<ulong> lowHalf = Vector512.Create(0xFFFF_FFFFUL);
        for (int position = 0, block = 0; position + 128 <= destination.Length; position += 128, block += 4 * Lanes)
        {
            var first = Vector512.Create((ulong)block) + laneIndex;
            var counter0 = new WideUInt64(first, first + Vector512.Create(8UL), first + Vector512.Create(16UL), first + Vector512.Create(24UL));
            WideUInt64 x0 = counter0, x1 = counter1, x2 = counter2, x3 = counter3;
            Vector512<ulong> multiplier0 = Vector512.Create((ulong)Philox4x32.Multiplier0);
            Vector512<ulong> multiplier1 = Vector512.Create((ulong)Philox4x32.Multiplier1);
            for (uint round = 0; round < Philox4x32.Rounds; round++)
            {
                WideUInt64 product0 = x0.MultiplyLowHalves(multiplier0);
                WideUInt64 product1 = x2.MultiplyLowHalves(multiplier1);
                WideUInt64 next0 = WideUInt64.Xor(product1.ShiftRight(32), x1, Vector512.Create((ulong)unchecked(key.Word0 + round * Philox4x32.Weyl0)));
                WideUInt64 next2 = WideUInt64.Xor(product0.ShiftRight(32), x3, Vector512.Create((ulong)unchecked(key.Word1 + round * Philox4x32.Weyl1)));
                x0 = next0; x1 = product1; x2 = next2; x3 = product0;
            }
            // Box–Muller in its own fully optimized method, its words passed by reference: one call per 64 normals costs
            // little, and the JIT declines to inline it into this already large loop.
            WideUInt64 radiusWord = x0 & lowHalf, angleWord = x1 & lowHalf;
            Pair(in radiusWord, in angleWord, scale, ref target, position);
            radiusWord = x2 & lowHalf;
            angleWord = x3 & lowHalf;
            Pair(in radiusWord, in angleWord, scale, ref target, position + 64);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Pair(in WideUInt64 radiusWord, in WideUInt64 angleWord, Vector512<double> scale, ref double target, int position)
    {
        WideDouble u1 = (radiusWord + Vector512<ulong>.One).ConvertToDouble() * scale;
        WideDouble u2 = angleWord.ConvertToDouble() * scale;
        WideDouble radius = (NormalKernelWide512.LogOfNormal(u1) * Vector512.Create(-2.0)).Sqrt();
        NormalKernelWide512.SinCosTwoPi(u2, out WideDouble sin, out WideDouble cos);
        WideDouble even = radius * cos, odd = radius * sin;
        // Stored member after member (even, odd vectors); the order does not change the rate.
        even.First.StoreUnsafe(ref target, (nuint)position); odd.First.StoreUnsafe(ref target, (nuint)(position + 8));
        even.Second.StoreUnsafe(ref target, (nuint)(position + 16)); odd.Second.StoreUnsafe(ref target, (nuint)(position + 24));
        even.Third.StoreUnsafe(ref target, (nuint)(position + 32)); odd.Third.StoreUnsafe(ref target, (nuint)(position + 40));
        even.Fourth.StoreUnsafe(ref target, (nuint)(position + 48)); odd.Fourth.StoreUnsafe(ref target, (nuint)(position + 56));
    }
}
