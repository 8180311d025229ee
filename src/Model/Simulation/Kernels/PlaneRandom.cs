using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LocalSgdVerify.Model.Randomness;

namespace LocalSgdVerify.Model.Simulation.Kernels;

/// <summary>
/// One step's draws for a <see cref="PlaneLayout"/> block, one per column f = i·C + r (worker i, replicate r of the
/// block; the padding columns r ≥ R draw at replicate R − 1's address), 32 Philox blocks per kernel call: the
/// counter of column f is (c0, step, i, r0 + r), <see cref="CounterBasedRandom"/>'s counter of the draw at address
/// (r0 + r, i, step), with c0 the block index of the draw. Every number equals the scalar draw at its address bit for
/// bit. Needs AVX-512 (<see cref="IsSupported"/>).
/// </summary>
internal sealed class PlaneRandom
{
    private const int GroupBlocks = 32; // four vectors of eight blocks per kernel call
    private readonly ulong[] workerWords, replicateWords;

    /// <summary>Lays out the columns of a block of <paramref name="replicates"/> replicates from <paramref name="firstReplicate"/> and N workers.</summary>
    public PlaneRandom(int firstReplicate, int replicates, int workers)
    {
        int columns = PlaneLayout.Columns(replicates);
        Length = workers * columns;
        PaddedLength = (Length + GroupBlocks - 1) / GroupBlocks * GroupBlocks;
        workerWords = new ulong[PaddedLength];
        replicateWords = new ulong[PaddedLength];
        for (int f = 0; f < PaddedLength; f++)
        {
            int column = Math.Min(f, Length - 1);
            workerWords[f] = (ulong)(column / columns);
            replicateWords[f] = (ulong)(firstReplicate + Math.Min(column % columns, replicates - 1));
        }
    }

    /// <summary>True where the vector path runs natively (AVX-512F and DQ).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512DQ.IsSupported;

    /// <summary>N·C, the columns one step draws for.</summary>
    public int Length { get; }

    /// <summary><see cref="Length"/> rounded up to whole kernel calls: the length destinations need.</summary>
    public int PaddedLength { get; }

    /// <summary>destination[f] = Normal((replicate, worker, step), 2·<paramref name="blockIndex"/>), the even normal of block c0 = blockIndex.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EvenNormals(Key key, int step, uint blockIndex, Span<double> destination)
    {
        if (destination.Length < PaddedLength) throw new ArgumentException("destination shorter than the padded length", nameof(destination));
        ref double target = ref MemoryMarshal.GetReference(destination);
        var counter0 = WideUInt64.Broadcast(Vector512.Create((ulong)blockIndex));
        var counter1 = WideUInt64.Broadcast(Vector512.Create((ulong)(uint)step));
        for (int f = 0; f < PaddedLength; f += GroupBlocks)
        {
            NormalKernelWide512.Normals(counter0, counter1, Load(workerWords, f), Load(replicateWords, f), key, out WideDouble even, out _);
            even.First.StoreUnsafe(ref target, (nuint)f);
            even.Second.StoreUnsafe(ref target, (nuint)(f + 8));
            even.Third.StoreUnsafe(ref target, (nuint)(f + 16));
            even.Fourth.StoreUnsafe(ref target, (nuint)(f + 24));
        }
    }

    /// <summary>
    /// even[f] = worker·<paramref name="workerOffset"/> + UniformInteger((replicate, worker, step), 2q, range) and, unless
    /// <paramref name="odd"/> is empty, odd[f] = worker·workerOffset + UniformInteger(…, 2q + 1, range), q =
    /// <paramref name="blockIndex"/>: the two 64-bit words of one Philox block, each through Lemire's multiply-and-reject.
    /// A word is accepted when the low half of word·range is at least (2^64 − range) mod range (the accept test of
    /// <see cref="CounterBasedRandom.UniformInteger"/>, whose "low ≥ range" shortcut implies it); a rejected word, about
    /// one in 2^64/range, is redrawn by the scalar method itself. The offset places a worker's draws in its own block of
    /// rows when data is partitioned (0: every worker draws from all rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void UniformIntegers(CounterBasedRandom random, int step, uint blockIndex, int range, Span<int> even, Span<int> odd, int workerOffset = 0)
    {
        if (even.Length < PaddedLength || (!odd.IsEmpty && odd.Length < PaddedLength))
            throw new ArgumentException("destination shorter than the padded length", nameof(even));
        ref int evenTarget = ref MemoryMarshal.GetReference(even);
        ref int oddTarget = ref MemoryMarshal.GetReference(odd);
        bool pairs = !odd.IsEmpty;
        Key key = random.Key;
        var ranges = Vector512.Create((ulong)range);
        var threshold = Vector512.Create((0UL - (ulong)range) % (ulong)range);
        var counter0 = WideUInt64.Broadcast(Vector512.Create((ulong)blockIndex));
        var counter1 = WideUInt64.Broadcast(Vector512.Create((ulong)(uint)step));
        var offsetFactor = Vector512.Create((ulong)(uint)workerOffset);
        for (int f = 0; f < PaddedLength; f += GroupBlocks)
        {
            WideUInt64 x0 = counter0, x1 = counter1, x2 = Load(workerWords, f), x3 = Load(replicateWords, f);
            var offsets = Offsets(x2, offsetFactor);
            NormalKernelWide512.Philox(ref x0, ref x1, ref x2, ref x3, key);
            var rejected = Store(x0, x1, ranges, threshold, offsets, ref evenTarget, f);
            if (pairs) rejected |= Store(x2, x3, ranges, threshold, offsets, ref oddTarget, f);
            if (rejected != Vector512<ulong>.Zero) Redraw(random, step, (int)(2 * blockIndex), range, workerOffset, even, odd, f);
        }
    }

    // worker·offset for the four members (worker < N and offset·N ≤ rows, both below 2^31: the 32-bit product is exact).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static WideUInt64 Offsets(WideUInt64 workers, Vector512<ulong> factor) =>
        new(Avx512F.Multiply(workers.First.AsUInt32(), factor.AsUInt32()), Avx512F.Multiply(workers.Second.AsUInt32(), factor.AsUInt32()),
            Avx512F.Multiply(workers.Third.AsUInt32(), factor.AsUInt32()), Avx512F.Multiply(workers.Fourth.AsUInt32(), factor.AsUInt32()));

    // Lemire's step on the four members: value = high64(word·range) with word = low | high·2^32, each 32-bit half in the
    // low half of a lane; with p = low·range and q = high·range (exact 64-bit products), word·range = q·2^32 + p, so the
    // high 64 bits are (q + ⌊p/2^32⌋)/2^32 (no overflow: q < 2^63) and the low 64 bits are q·2^32 + p mod 2^64.
    // Returns a nonzero lane where some word is rejected.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Store(WideUInt64 low, WideUInt64 high, Vector512<ulong> range, Vector512<ulong> threshold, WideUInt64 offsets, ref int target, int f) =>
        Store(low.First, high.First, range, threshold, offsets.First, ref target, f)
        | Store(low.Second, high.Second, range, threshold, offsets.Second, ref target, f + 8)
        | Store(low.Third, high.Third, range, threshold, offsets.Third, ref target, f + 16)
        | Store(low.Fourth, high.Fourth, range, threshold, offsets.Fourth, ref target, f + 24);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Store(Vector512<ulong> low, Vector512<ulong> high, Vector512<ulong> range, Vector512<ulong> threshold, Vector512<ulong> offset, ref int target, int f)
    {
        Vector512<ulong> p = Avx512F.Multiply(low.AsUInt32(), range.AsUInt32());
        Vector512<ulong> q = Avx512F.Multiply(high.AsUInt32(), range.AsUInt32());
        Vector512<ulong> value = Vector512.ShiftRightLogical(q + Vector512.ShiftRightLogical(p, 32), 32);
        Avx512F.ConvertToVector256Int32(value + offset).StoreUnsafe(ref target, (nuint)f);
        return Vector512.LessThan(Vector512.ShiftLeft(q, 32) + p, threshold);
    }

    private void Redraw(CounterBasedRandom random, int step, int index, int range, int workerOffset, Span<int> even, Span<int> odd, int first)
    {
        for (int f = first; f < first + GroupBlocks; f++)
        {
            var address = new NoiseAddress((int)replicateWords[f], (int)workerWords[f], step);
            int offset = (int)workerWords[f] * workerOffset;
            even[f] = offset + random.UniformInteger(address, index, range);
            if (!odd.IsEmpty) odd[f] = offset + random.UniformInteger(address, index + 1, range);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static WideUInt64 Load(ulong[] table, int f)
    {
        ref ulong first = ref MemoryMarshal.GetArrayDataReference(table);
        return new(Vector512.LoadUnsafe(ref first, (nuint)f), Vector512.LoadUnsafe(ref first, (nuint)(f + 8)),
            Vector512.LoadUnsafe(ref first, (nuint)(f + 16)), Vector512.LoadUnsafe(ref first, (nuint)(f + 24)));
    }
}
