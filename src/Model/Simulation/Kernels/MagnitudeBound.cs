using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// The divergence test of many vectors of lanes with one integer maximum each: the bit patterns of doubles ≥ 0 order
/// like their values and every NaN pattern lies above +∞, so the largest pattern of |x| over the lanes exceeds the
/// bound's pattern exactly when some lane is NaN or larger in magnitude than the bound (the reference's
/// <c>!(|x| ≤ bound)</c>). Two operations per vector (clear the sign, unsigned maximum) and no loop-carried compare.
/// </summary>
internal static class MagnitudeBound
{
    /// <summary>The running maximum of the patterns of |x| (the mask a constant, so the JIT keeps it in a register).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Track(Vector512<ulong> largest, Vector512<double> x) => Vector512.Max(largest, x.AsUInt64() & Vector512.Create(0x7FFF_FFFF_FFFF_FFFFUL));

    /// <summary>True when a tracked lane was NaN or beyond <paramref name="bound"/> (a positive finite double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Exceeded(Vector512<ulong> largest, double bound) =>
        Vector512.GreaterThanAny(largest, Vector512.Create(BitConverter.DoubleToUInt64Bits(bound)));
}
