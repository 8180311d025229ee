using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// A data set's rows for the kernels that sample them (least squares, logistic regression): row i is stored as
/// (a_i1, …, a_id, 0, …, 0, extra_i) in <see cref="Stride"/> doubles, a multiple of eight, the extra value (target or
/// label) last, so eight sampled rows (one per lane of a <see cref="PlaneLayout"/> vector) are eight loads per eight
/// columns, turned into columns (entry j of the eight rows in one vector) by an 8 × 8 transpose of shuffles. The
/// values are copied, never computed, so every lane reads the problem's own bits.
/// </summary>
internal sealed class SampledRows
{
    private const int Width = 8;
    private readonly double[] table;

    /// <summary>Copies rows i = 0..n − 1: <paramref name="row"/>(i) of length d and <paramref name="extra"/>(i) (the target or label).</summary>
    public SampledRows(int rows, int dimension, Func<int, ReadOnlySpan<double>> row, Func<int, double> extra)
    {
        Count = rows;
        Dimension = dimension;
        Stride = (dimension + 1 + Width - 1) / Width * Width;
        table = new double[rows * Stride];
        for (int i = 0; i < rows; i++)
        {
            row(i).CopyTo(table.AsSpan(i * Stride, dimension));
            table[i * Stride + Stride - 1] = extra(i);
        }
    }

    /// <summary>n, the number of rows.</summary>
    public int Count { get; }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>Doubles per stored row: d + 1 rounded up to a multiple of eight; the extra value is the last.</summary>
    public int Stride { get; }

    /// <summary>
    /// The columns of the eight rows named by indices[0..7]: columns[j·8 + l] = entry j of row indices[l] for
    /// j &lt; <see cref="Stride"/> (entry Stride − 1 is the extra value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Columns(ref int indices, Span<double> columns)
    {
        ref double target = ref MemoryMarshal.GetReference(columns);
        for (int j = 0; j < Stride; j += Width)
        {
            Columns(ref indices, j, out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
            c0.StoreUnsafe(ref target, (nuint)(j * Width));
            c1.StoreUnsafe(ref target, (nuint)(j * Width + 8));
            c2.StoreUnsafe(ref target, (nuint)(j * Width + 16));
            c3.StoreUnsafe(ref target, (nuint)(j * Width + 24));
            c4.StoreUnsafe(ref target, (nuint)(j * Width + 32));
            c5.StoreUnsafe(ref target, (nuint)(j * Width + 40));
            c6.StoreUnsafe(ref target, (nuint)(j * Width + 48));
            c7.StoreUnsafe(ref target, (nuint)(j * Width + 56));
        }
    }

    /// <summary>
    /// Entries <paramref name="first"/> .. first + 7 of the eight rows named by indices[0..7] as columns in registers:
    /// entry first + j of the rows in <c>cj</c>. With <see cref="Stride"/> = 8 (d ≤ 7) and first = 0 that is the whole
    /// row, the extra values in <paramref name="c7"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Columns(ref int indices, int first, out Vector512<double> c0, out Vector512<double> c1, out Vector512<double> c2, out Vector512<double> c3,
        out Vector512<double> c4, out Vector512<double> c5, out Vector512<double> c6, out Vector512<double> c7)
    {
        ref double source = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), first);
        int stride = Stride;
        var r0 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 0) * stride));
        var r1 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 1) * stride));
        var r2 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 2) * stride));
        var r3 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 3) * stride));
        var r4 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 4) * stride));
        var r5 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 5) * stride));
        var r6 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 6) * stride));
        var r7 = Vector512.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, 7) * stride));
        // Unpack pairs of rows (even and odd entries), then gather 128-bit lanes twice (vshuff64x2 0x88 takes lanes 0
        // and 2 of each source, 0xDD lanes 1 and 3).
        var t0 = Avx512F.UnpackLow(r0, r1); var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3); var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5); var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7); var t7 = Avx512F.UnpackHigh(r6, r7);
        var u0 = Avx512F.Shuffle4x128(t0, t2, 0x88); var u1 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        var u2 = Avx512F.Shuffle4x128(t1, t3, 0x88); var u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        var u4 = Avx512F.Shuffle4x128(t4, t6, 0x88); var u5 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        var u6 = Avx512F.Shuffle4x128(t5, t7, 0x88); var u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);
        c0 = Avx512F.Shuffle4x128(u0, u4, 0x88); c1 = Avx512F.Shuffle4x128(u2, u6, 0x88);
        c2 = Avx512F.Shuffle4x128(u1, u5, 0x88); c3 = Avx512F.Shuffle4x128(u3, u7, 0x88);
        c4 = Avx512F.Shuffle4x128(u0, u4, 0xDD); c5 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        c6 = Avx512F.Shuffle4x128(u1, u5, 0xDD); c7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
    }
}
