using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// <see cref="NormalFill"/> with four Philox blocks per step (AVX2). Blocks are numbered flat over the
/// workers (worker offset · blocks per worker + block in worker); lane counters advance by four flat blocks at a
/// time. When every block's two normals land next to each other (perWorker even, or a single worker) the results
/// are stored straight; otherwise each worker's last block has no odd normal and the rest is packed through a stack buffer (AVX2 has no
/// compress-store).
/// </summary>
internal static class NormalFillVector256
{
    private const int Lanes = 4;

    public static void Fill(Key key, uint replicate, uint firstWorker, int workerCount, uint step, int perWorker, Span<double> destination)
    {
        int length = destination.Length;
        if (length == 0)
        {
            return;
        }

        int blocksPerWorker = (perWorker + 1) / 2;
        long totalBlocks = (long)workerCount * blocksPerWorker;
        Vector256<ulong> counter1 = Vector256.Create((ulong)step);
        Vector256<ulong> counter3 = Vector256.Create((ulong)replicate);

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
        Vector256<ulong> counter0 = Vector256.Create<ulong>(initialBlock);
        Vector256<ulong> counter2 = Vector256.Create<ulong>(initialWorker);
        Vector256<ulong> blocksPerWorkerVector = Vector256.Create((ulong)blocksPerWorker);
        Vector256<ulong> blockAdvance = Vector256.Create((ulong)(Lanes % blocksPerWorker));
        Vector256<ulong> workerAdvance = Vector256.Create((ulong)(Lanes / blocksPerWorker));

        ref double target = ref MemoryMarshal.GetReference(destination);
        bool contiguous = perWorker % 2 == 0 || workerCount == 1;
        long block = 0;
        int position = 0;
        if (contiguous)
        {
            // Two independent groups per iteration give the out-of-order core more work to overlap.
            for (; 2 * (block + 2 * Lanes) <= length; block += 2 * Lanes)
            {
                Vector256<ulong> laterCounter0 = counter0, laterCounter2 = counter2;
                Advance(ref laterCounter0, ref laterCounter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
                NormalKernelVector256.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector256.Normals(laterCounter0, counter1, laterCounter2, counter3, key, out var laterEven, out var laterOdd);
                NormalKernelVector256.Interleave(even, odd, out var first, out var second);
                NormalKernelVector256.Interleave(laterEven, laterOdd, out var third, out var fourth);
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
                NormalKernelVector256.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector256.Interleave(even, odd, out var first, out var second);
                first.StoreUnsafe(ref target, (nuint)(2 * block));
                second.StoreUnsafe(ref target, (nuint)(2 * block + Lanes));
                Advance(ref counter0, ref counter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
            }
            position = (int)(2 * block);
        }
        else
        {
            Span<double> interleaved = stackalloc double[2 * Lanes];
            Span<ulong> blockInWorker = stackalloc ulong[Lanes];
            for (; block + Lanes <= totalBlocks; block += Lanes)
            {
                NormalKernelVector256.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
                NormalKernelVector256.Interleave(even, odd, out var first, out var second);
                first.CopyTo(interleaved);
                second.CopyTo(interleaved[Lanes..]);
                counter0.CopyTo(blockInWorker);
                NormalFill.CopyCompacted(interleaved, blockInWorker, (ulong)(blocksPerWorker - 1), destination, ref position);
                Advance(ref counter0, ref counter2, blockAdvance, workerAdvance, blocksPerWorkerVector);
            }
        }

        if (position < length)
        {
            NormalKernelVector256.Normals(counter0, counter1, counter2, counter3, key, out var even, out var odd);
            NormalKernelVector256.Interleave(even, odd, out var first, out var second);
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

    /// <summary>Moves every lane four flat blocks on: block += 4 mod B with a carry into the worker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(
        ref Vector256<ulong> counter0, ref Vector256<ulong> counter2,
        Vector256<ulong> blockAdvance, Vector256<ulong> workerAdvance, Vector256<ulong> blocksPerWorker)
    {
        // Counters stay below 2^32, so the signed compare AVX2 has is exact.
        counter0 += blockAdvance;
        counter2 += workerAdvance;
        Vector256<ulong> wrapped = Vector256.GreaterThanOrEqual(counter0.AsInt64(), blocksPerWorker.AsInt64()).AsUInt64();
        counter0 -= blocksPerWorker & wrapped;
        counter2 -= wrapped; // all-ones is −1, so this adds one worker where the block wrapped
    }
}
