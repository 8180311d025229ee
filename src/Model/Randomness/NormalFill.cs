namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Batch filling of normals for a run of workers of one (replicate, step): worker w gets normals 0..perWorker−1 of
/// its address, stored one worker after another. Dispatches to a SIMD path; every path equals
/// <see cref="FillScalar"/> bit for bit. Arguments are validated by <see cref="CounterBasedRandom"/>.
/// </summary>
internal static class NormalFill
{
    /// <summary>Fills exactly <paramref name="destination"/>, whose length must be workerCount·perWorker.</summary>
    public static void Fill(Key key, uint replicate, uint firstWorker, int workerCount, uint step, int perWorker, Span<double> destination, SimdPath path)
    {
        switch (path)
        {
            case SimdPath.Vector512:
                NormalFillVector512.Fill(key, replicate, firstWorker, workerCount, step, perWorker, destination);
                break;
            case SimdPath.Vector256:
                NormalFillVector256.Fill(key, replicate, firstWorker, workerCount, step, perWorker, destination);
                break;
            default:
                FillScalar(key, replicate, firstWorker, workerCount, step, perWorker, destination);
                break;
        }
    }

    /// <summary>The reference loop: one Philox block per pair of normals, the odd normal dropped after the last index.</summary>
    public static void FillScalar(Key key, uint replicate, uint firstWorker, int workerCount, uint step, int perWorker, Span<double> destination)
    {
        int position = 0;
        for (int workerOffset = 0; workerOffset < workerCount; workerOffset++)
        {
            uint worker = firstWorker + (uint)workerOffset;
            for (int index = 0; index < perWorker; index += 2)
            {
                Block block = Philox4x32.Generate(new Counter((uint)(index / 2), step, worker, replicate), key);
                NormalPairs.FromBlock(block, out double even, out double odd);
                destination[position++] = even;
                if (index + 1 < perWorker)
                {
                    destination[position++] = odd;
                }
            }
        }
    }

    /// <summary>
    /// Copies the interleaved normals of the blocks in <paramref name="blockInWorker"/> to <paramref name="destination"/> from
    /// <paramref name="position"/> on, dropping the odd normal of a worker's last block when perWorker is odd;
    /// stops when the destination is full.
    /// </summary>
    public static void CopyCompacted(
        ReadOnlySpan<double> interleaved, ReadOnlySpan<ulong> blockInWorker, ulong lastBlockWithoutOdd,
        Span<double> destination, ref int position)
    {
        for (int lane = 0; lane < blockInWorker.Length && position < destination.Length; lane++)
        {
            destination[position++] = interleaved[2 * lane];
            if (blockInWorker[lane] != lastBlockWithoutOdd)
            {
                destination[position++] = interleaved[2 * lane + 1];
            }
        }
    }
}
