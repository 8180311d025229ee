using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// A data set's rows for the kernels that sample them (least squares, logistic regression): row i is stored as
/// (a_i1, …, a_id, extra_i) padded with zeros to <see cref="Stride"/>, a multiple of eight, so eight sampled rows
/// (one per lane of a <see cref="PlaneLayout"/> vector) are eight aligned loads per eight columns, turned into
/// columns (entry j of the eight rows in one vector) by an 8 × 8 transpose of shuffles. The values are copied, never
/// computed, so every lane reads the problem's own bits.
/// </summary>
internal sealed class SampledRows
{
    private const int Width = 8;
    private readonly double[] table;

    /// <summary>Copies rows i = 0..n − 1: <paramref name="row"/>(i) of length d, then <paramref name="extra"/>(i) (the target or label).</summary>
    public SampledRows(int rows, int dimension, Func<int, ReadOnlySpan<double>> row, Func<int, double> extra)
    {
        Count = rows;
        Dimension = dimension;
        Stride = (dimension + 1 + Width - 1) / Width * Width;
        table = GC.AllocateUninitializedArray<double>(rows * Stride + Width, pinned: false);
        Array.Clear(table);
        for (int i = 0; i < rows; i++)
        {
            row(i).CopyTo(table.AsSpan(i * Stride, dimension));
            table[i * Stride + dimension] = extra(i);
        }
    }

    /// <summary>n, the number of rows.</summary>
    public int Count { get; }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>Doubles per stored row: d + 1 rounded up to a multiple of eight.</summary>
    public int Stride { get; }

    /// <summary>
    /// The columns of the eight rows named by indices[0..7]: columns[j·8 + l] = entry j of row indices[l] for
    /// j &lt; <see cref="Stride"/> (entry d is the extra value, later entries 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Columns(ReadOnlySpan<int> indices, Span<double> columns)
    {
        ref double source = ref MemoryMarshal.GetArrayDataReference(table);
        ref double target = ref MemoryMarshal.GetReference(columns);
        ref int index = ref MemoryMarshal.GetReference(indices);
        int stride = Stride;
        nuint r0 = (nuint)(Unsafe.Add(ref index, 0) * stride), r1 = (nuint)(Unsafe.Add(ref index, 1) * stride);
        nuint r2 = (nuint)(Unsafe.Add(ref index, 2) * stride), r3 = (nuint)(Unsafe.Add(ref index, 3) * stride);
        nuint r4 = (nuint)(Unsafe.Add(ref index, 4) * stride), r5 = (nuint)(Unsafe.Add(ref index, 5) * stride);
        nuint r6 = (nuint)(Unsafe.Add(ref index, 6) * stride), r7 = (nuint)(Unsafe.Add(ref index, 7) * stride);
        for (int j = 0; j < stride; j += Width)
        {
            nuint offset = (nuint)j;
            Transpose(
                Vector512.LoadUnsafe(ref source, r0 + offset), Vector512.LoadUnsafe(ref source, r1 + offset),
                Vector512.LoadUnsafe(ref source, r2 + offset), Vector512.LoadUnsafe(ref source, r3 + offset),
                Vector512.LoadUnsafe(ref source, r4 + offset), Vector512.LoadUnsafe(ref source, r5 + offset),
                Vector512.LoadUnsafe(ref source, r6 + offset), Vector512.LoadUnsafe(ref source, r7 + offset),
                ref Unsafe.Add(ref target, j * Width));
        }
    }

    // Rows r0..r7 to columns: unpack pairs of rows (even and odd entries), then gather 128-bit lanes twice
    // (vshuff64x2 0x88 takes lanes 0 and 2 of each source, 0xDD lanes 1 and 3).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector512<double> r0, Vector512<double> r1, Vector512<double> r2, Vector512<double> r3,
        Vector512<double> r4, Vector512<double> r5, Vector512<double> r6, Vector512<double> r7, ref double target)
    {
        var t0 = Avx512F.UnpackLow(r0, r1); var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3); var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5); var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7); var t7 = Avx512F.UnpackHigh(r6, r7);
        var u0 = Avx512F.Shuffle4x128(t0, t2, 0x88); var u1 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        var u2 = Avx512F.Shuffle4x128(t1, t3, 0x88); var u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        var u4 = Avx512F.Shuffle4x128(t4, t6, 0x88); var u5 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        var u6 = Avx512F.Shuffle4x128(t5, t7, 0x88); var u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);
        Avx512F.Shuffle4x128(u0, u4, 0x88).StoreUnsafe(ref target, 0);
        Avx512F.Shuffle4x128(u2, u6, 0x88).StoreUnsafe(ref target, 8);
        Avx512F.Shuffle4x128(u1, u5, 0x88).StoreUnsafe(ref target, 16);
        Avx512F.Shuffle4x128(u3, u7, 0x88).StoreUnsafe(ref target, 24);
        Avx512F.Shuffle4x128(u0, u4, 0xDD).StoreUnsafe(ref target, 32);
        Avx512F.Shuffle4x128(u2, u6, 0xDD).StoreUnsafe(ref target, 40);
        Avx512F.Shuffle4x128(u1, u5, 0xDD).StoreUnsafe(ref target, 48);
        Avx512F.Shuffle4x128(u3, u7, 0xDD).StoreUnsafe(ref target, 56);
    }
}
