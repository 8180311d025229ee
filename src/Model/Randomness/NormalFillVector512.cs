using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// <see cref="NormalFill"/> with eight Philox blocks per step (AVX-512). Blocks are numbered flat over the
/// workers (worker offset · blocks per worker + block in worker); lane counters advance by eight flat blocks at a
/// time. When every block's two normals land next to each other (perWorker even, or a single worker) the results
/// are stored straight; otherwise each worker's last block has no odd normal and a compress-store packs the rest.
/// </summary>
internal static class NormalFillVector512
{
    private const int Lanes = 8;

    public static void Fill(Key key, uint replicate, uint firstWorker, int workerCount, uint step, int perWorker, Span<double> destination)
    {
        int length = destination.Length;
        if (length == 0)
        {
            return;
        }

        int blocksPerWorker = (perWorker + 1) / 2;
        long totalBlocks = (long)workerCount * blocksPerWorker;
        Vector512<ulong> counter1 = Vector512.Create((ulong)step);
        Vector512<ulong> counter3 = Vector512.Create((ulong)replicate);

        Span<ulong> initialBlock = stackalloc ulong[Lanes];
        Span<ulong> initialWorker = stackalloc ulong[Lanes];
        // Flat block `lane` is block lane mod B of worker firstWorker + lane / B; counted up to avoid divisions.
        ulong blockInWorker0 = 0, worker0 = firstWorker;
        for (int lane = 0; lane < Lanes; lane++)
        {
            initialBlock[lane] = blockInWorker0;
            initialWorker[lane] = worker0;
            if (++blockInWorker0 == (ulong)blocksPerWorker)
            {
                blockInWorker0 = 0;
                worker0++;
            }
        }
        Vector512<ulong> counter0 = Vector512.Create<ulong>(initialBlock);
        Vector512<ulong> counter2 = Vector512.Create<ulong>(initialWorker);
        Vector512<ulong> blocksPerWorkerVector = Vector512.Create((ulong)blocksPerWorker);
        Vector512<ulong> blockAdvance = Vector512.Create((ulong)(Lanes % blocksPerWorker));
        Vector512<ulong> workerAdvance = Vector512.Create((ulong)(Lanes / blocksPerWorker));

        ref double target = ref MemoryMarshal.GetReference(destination);
        bool contiguous = perWorker % 2 == 0 || workerCount == 1;
        long block = 0;
        int position = 0;
        if (contiguous)
        {
            // Two independent groups per iteration give the out-of-order core more work to overlap.
            for (; 2 * (block + 2 * Lanes) <= length; block += 2 * Lanes)
            {
                Vector512<ulong> laterCounter0 = counter0, laterCounter2 = counter2;
                Advance(ref laterCounter0, ref laterCounter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
                NormalKernelVector512.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector512.Normals(laterCounter0, counter1, laterCounter2, counter3, key, out var laterEven, out var laterOdd);
                NormalKernelVector512.Interleave(even, odd, out var first, out var second);
                NormalKernelVector512.Interleave(laterEven, laterOdd, out var third, out var fourth);
                first.StoreUnsafe(ref target, (nuint)(2 * block));
                second.StoreUnsafe(ref target, (nuint)(2 * block + Lanes));
                third.StoreUnsafe(ref target, (nuint)(2 * block + 2 * Lanes));
                fourth.StoreUnsafe(ref target, (nuint)(2 * block + 3 * Lanes));
                counter0 = laterCounter0;
                counter2 = laterCounter2;
                Advance(ref counter0, ref counter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
            }
            for (; 2 * (block + Lanes) <= length; block += Lanes)
            {
                NormalKernelVector512.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector512.Interleave(even, odd, out var first, out var second);
                first.StoreUnsafe(ref target, (nuint)(2 * block));
                second.StoreUnsafe(ref target, (nuint)(2 * block + Lanes));
                Advance(ref counter0, ref counter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
            }
            position = (int)(2 * block);
        }
        else
        {
            Vector512<ulong> lastBlock = Vector512.Create((ulong)(blocksPerWorker - 1));
            for (; block + Lanes <= totalBlocks; block += Lanes)
            {
                NormalKernelVector512.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector512.Interleave(even, odd, out var first, out var second);
                Vector512<double> keepOdd = (~Vector512.Equals(counter0, lastBlock)).AsDouble();
                NormalKernelVector512.Interleave(Vector512<double>.AllBitsSet, keepOdd, out var keepFirst, out var keepSecond);
                position += CompressStore(ref target, position, keepFirst, first);
                position += CompressStore(ref target, position, keepSecond, second);
                Advance(ref counter0, ref counter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
            }
        }

        if (position < length)
        {
            NormalKernelVector512.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
            NormalKernelVector512.Interleave(even, odd, out var first, out var second);
            Span<double> interleaved = stackalloc double[2 * Lanes];
            first.CopyTo(interleaved);
            second.CopyTo(interleaved[Lanes..]);
            if (contiguous)
            {
                interleaved[..(length - position)].CopyTo(destination[position..]);
            }
            else
            {
                Span<ulong> blockInWorker = stackalloc ulong[Lanes];
                counter0.CopyTo(blockInWorker);
                NormalFill.CopyCompacted(interleaved, blockInWorker, (ulong)(blocksPerWorker - 1), destination, ref position);
            }
        }
    }

    /// <summary>Moves every lane eight flat blocks on: block += 8 mod B with a carry into the worker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(
        ref Vector512<ulong> counter0, ref Vector512<ulong> counter2,
        Vector512<ulong> blockAdvance, Vector512<ulong> workerAdvance, Vector512<ulong> blocksPerWorker)
    {
        counter0 += blockAdvance;
        counter2 += workerAdvance;
        Vector512<ulong> wrapped = Vector512.GreaterThanOrEqual(counter0, blocksPerWorker);
        counter0 -= blocksPerWorker & wrapped;
        counter2 -= wrapped; // all-ones is −1, so this adds one worker where the block wrapped
    }

    /// <summary>Stores the lanes of <paramref name="source"/> selected by <paramref name="mask"/>, packed, at target[position]; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int CompressStore(ref double target, int position, Vector512<double> mask, Vector512<double> source)
    {
        fixed (double* address = &Unsafe.Add(ref target, position))
        {
            Avx512F.CompressStore(address, mask, source);
        }
        return BitOperations.PopCount(mask.ExtractMostSignificantBits());
    }
}
