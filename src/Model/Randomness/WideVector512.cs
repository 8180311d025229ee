using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Four independent <see cref="Vector512{T}"/> of 64-bit words processed in lockstep. Every operation is applied
/// to the four members one after the other, so the code the JIT emits interleaves four independent dependency
/// chains: Philox and Box–Muller are long chains of dependent operations (about 200 cycles of latency per group of
/// eight blocks), and one chain at a time leaves most of the core's execution ports idle. The JIT promotes the
/// four fields to registers; the arithmetic of each member is exactly that of <see cref="NormalKernelVector512"/>.
/// </summary>
internal struct WideUInt64
{
    public Vector512<ulong> First, Second, Third, Fourth;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WideUInt64(Vector512<ulong> first, Vector512<ulong> second, Vector512<ulong> third, Vector512<ulong> fourth)
    {
        First = first; Second = second; Third = third; Fourth = fourth;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 Broadcast(Vector512<ulong> value) => new(value, value, value, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator +(WideUInt64 x, Vector512<ulong> y) => new(x.First + y, x.Second + y, x.Third + y, x.Fourth + y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator -(WideUInt64 x, Vector512<ulong> y) => new(x.First - y, x.Second - y, x.Third - y, x.Fourth - y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator -(WideUInt64 x, WideUInt64 y) => new(x.First - y.First, x.Second - y.Second, x.Third - y.Third, x.Fourth - y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator &(WideUInt64 x, Vector512<ulong> y) => new(x.First & y, x.Second & y, x.Third & y, x.Fourth & y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator |(WideUInt64 x, Vector512<ulong> y) => new(x.First | y, x.Second | y, x.Third | y, x.Fourth | y);

    /// <summary>x ^ y ^ z per member (one vpternlogq each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 Xor(WideUInt64 x, WideUInt64 y, Vector512<ulong> z) =>
        new(x.First ^ y.First ^ z, x.Second ^ y.Second ^ z, x.Third ^ y.Third ^ z, x.Fourth ^ y.Fourth ^ z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideUInt64 ShiftRight(int count) => new(Vector512.ShiftRightLogical(First, count), Vector512.ShiftRightLogical(Second, count),
        Vector512.ShiftRightLogical(Third, count), Vector512.ShiftRightLogical(Fourth, count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideUInt64 ShiftLeft(int count) => new(Vector512.ShiftLeft(First, count), Vector512.ShiftLeft(Second, count),
        Vector512.ShiftLeft(Third, count), Vector512.ShiftLeft(Fourth, count));

    /// <summary>Full 64-bit products of the low 32-bit halves of each lane with the low half of <paramref name="multiplier"/> (vpmuludq).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideUInt64 MultiplyLowHalves(Vector512<ulong> multiplier) => new(
        Avx512F.Multiply(First.AsUInt32(), multiplier.AsUInt32()), Avx512F.Multiply(Second.AsUInt32(), multiplier.AsUInt32()),
        Avx512F.Multiply(Third.AsUInt32(), multiplier.AsUInt32()), Avx512F.Multiply(Fourth.AsUInt32(), multiplier.AsUInt32()));

    /// <summary>Bits of <paramref name="mask"/> select <paramref name="whereSet"/>, the others <paramref name="whereClear"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 Select(Vector512<ulong> mask, WideUInt64 whereSet, WideUInt64 whereClear) => new(
        Vector512.ConditionalSelect(mask, whereSet.First, whereClear.First), Vector512.ConditionalSelect(mask, whereSet.Second, whereClear.Second),
        Vector512.ConditionalSelect(mask, whereSet.Third, whereClear.Third), Vector512.ConditionalSelect(mask, whereSet.Fourth, whereClear.Fourth));

    /// <summary>Per member, lanes of <paramref name="mask"/> that are all ones select <paramref name="whereSet"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 Select(WideUInt64 mask, WideUInt64 whereSet, WideUInt64 whereClear) => new(
        Vector512.ConditionalSelect(mask.First, whereSet.First, whereClear.First), Vector512.ConditionalSelect(mask.Second, whereSet.Second, whereClear.Second),
        Vector512.ConditionalSelect(mask.Third, whereSet.Third, whereClear.Third), Vector512.ConditionalSelect(mask.Fourth, whereSet.Fourth, whereClear.Fourth));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideUInt64 EqualsEach(Vector512<ulong> value) => new(Vector512.Equals(First, value), Vector512.Equals(Second, value),
        Vector512.Equals(Third, value), Vector512.Equals(Fourth, value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideUInt64 operator ^(WideUInt64 x, WideUInt64 y) => new(x.First ^ y.First, x.Second ^ y.Second, x.Third ^ y.Third, x.Fourth ^ y.Fourth);

    /// <summary>Exact conversion of integers below 2^53 (vcvtuqq2pd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideDouble ConvertToDouble() => new(Vector512.ConvertToDouble(First), Vector512.ConvertToDouble(Second),
        Vector512.ConvertToDouble(Third), Vector512.ConvertToDouble(Fourth));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideDouble AsDouble() => new(First.AsDouble(), Second.AsDouble(), Third.AsDouble(), Fourth.AsDouble());
}

/// <summary>Four independent <see cref="Vector512{T}"/> of doubles processed in lockstep (see <see cref="WideUInt64"/>).</summary>
internal struct WideDouble
{
    public Vector512<double> First, Second, Third, Fourth;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WideDouble(Vector512<double> first, Vector512<double> second, Vector512<double> third, Vector512<double> fourth)
    {
        First = first; Second = second; Third = third; Fourth = fourth;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator +(WideDouble x, WideDouble y) => new(x.First + y.First, x.Second + y.Second, x.Third + y.Third, x.Fourth + y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator +(Vector512<double> x, WideDouble y) => new(x + y.First, x + y.Second, x + y.Third, x + y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator +(WideDouble x, Vector512<double> y) => new(x.First + y, x.Second + y, x.Third + y, x.Fourth + y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator -(WideDouble x, WideDouble y) => new(x.First - y.First, x.Second - y.Second, x.Third - y.Third, x.Fourth - y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator -(WideDouble x, Vector512<double> y) => new(x.First - y, x.Second - y, x.Third - y, x.Fourth - y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator *(WideDouble x, WideDouble y) => new(x.First * y.First, x.Second * y.Second, x.Third * y.Third, x.Fourth * y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator *(WideDouble x, Vector512<double> y) => new(x.First * y, x.Second * y, x.Third * y, x.Fourth * y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator *(Vector512<double> x, WideDouble y) => new(x * y.First, x * y.Second, x * y.Third, x * y.Fourth);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble operator /(WideDouble x, WideDouble y) => new(x.First / y.First, x.Second / y.Second, x.Third / y.Third, x.Fourth / y.Fourth);

    /// <summary>x·y + z with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble FusedMultiplyAdd(WideDouble x, WideDouble y, Vector512<double> z) => new(
        Vector512.FusedMultiplyAdd(x.First, y.First, z), Vector512.FusedMultiplyAdd(x.Second, y.Second, z),
        Vector512.FusedMultiplyAdd(x.Third, y.Third, z), Vector512.FusedMultiplyAdd(x.Fourth, y.Fourth, z));

    /// <summary>x·y + z with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble FusedMultiplyAdd(WideDouble x, WideDouble y, WideDouble z) => new(
        Vector512.FusedMultiplyAdd(x.First, y.First, z.First), Vector512.FusedMultiplyAdd(x.Second, y.Second, z.Second),
        Vector512.FusedMultiplyAdd(x.Third, y.Third, z.Third), Vector512.FusedMultiplyAdd(x.Fourth, y.Fourth, z.Fourth));

    /// <summary>x·y + z with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble FusedMultiplyAdd(WideDouble x, Vector512<double> y, WideDouble z) => new(
        Vector512.FusedMultiplyAdd(x.First, y, z.First), Vector512.FusedMultiplyAdd(x.Second, y, z.Second),
        Vector512.FusedMultiplyAdd(x.Third, y, z.Third), Vector512.FusedMultiplyAdd(x.Fourth, y, z.Fourth));

    /// <summary>x·y + z with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WideDouble FusedMultiplyAdd(Vector512<double> x, WideDouble y, Vector512<double> z) => new(
        Vector512.FusedMultiplyAdd(x, y.First, z), Vector512.FusedMultiplyAdd(x, y.Second, z),
        Vector512.FusedMultiplyAdd(x, y.Third, z), Vector512.FusedMultiplyAdd(x, y.Fourth, z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideDouble Sqrt() => new(Vector512.Sqrt(First), Vector512.Sqrt(Second), Vector512.Sqrt(Third), Vector512.Sqrt(Fourth));

    /// <summary>Round half to even (vrndscalepd), as <see cref="Math.Round(double, MidpointRounding)"/> with ToEven.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideDouble RoundToEven() => new(Vector512.Round(First), Vector512.Round(Second), Vector512.Round(Third), Vector512.Round(Fourth));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly WideUInt64 AsUInt64() => new(First.AsUInt64(), Second.AsUInt64(), Third.AsUInt64(), Fourth.AsUInt64());
}
