using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// The noise of one simulator step for a block of lanes, drawn in one call: replicates r0 .. r0 + R − 1, workers
/// 0 .. N − 1 and normals 0 .. P − 1 of each worker, stored replicate by replicate, worker by worker:
/// <c>destination[(r·N + w)·P + j] = Normal((r0 + r, w, step), j)</c>, bit for bit (<see cref="CounterBasedRandom"/>'s
/// contract). One call per step instead of one per replicate matters when N·P is small (the 1-D problems draw one
/// normal per worker). The AVX-512 path reads each Philox block's counter words from two tables built here once
/// (the counter of flat block f is (block in worker, step, worker, replicate)), so blocks of different workers and
/// replicates share vectors without any carry arithmetic; other paths fill replicate by replicate.
/// Supported P: even (each block gives two neighbouring normals) or 1 (only the even normal of each block is used).
/// </summary>
internal sealed class LaneNoise
{
    private const int GroupBlocks = 32; // four vectors of eight blocks per kernel call
    private readonly ulong[] blockAndWorker = [];
    private readonly ulong[] replicateWords = [];

    /// <summary>Lays out the blocks of R replicates from <paramref name="firstReplicate"/>, N workers, P normals each.</summary>
    public LaneNoise(int firstReplicate, int replicateCount, int workerCount, int perWorker)
    {
        if (firstReplicate < 0 || replicateCount < 0 || workerCount < 0 || (perWorker != 1 && (perWorker <= 0 || perWorker % 2 != 0)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"lane noise: replicates from {firstReplicate} (count {replicateCount}), {workerCount} workers, {perWorker} normals per worker; needs non-negative counts and an even count or 1 per worker"));
        }
        FirstReplicate = firstReplicate;
        ReplicateCount = replicateCount;
        WorkerCount = workerCount;
        PerWorker = perWorker;
        int blocksPerWorker = (perWorker + 1) / 2;
        long blocks = (long)replicateCount * workerCount * blocksPerWorker;
        Length = checked((int)(blocks * (perWorker == 1 ? 1 : 2)));
        if (!SimdPaths.IsSupported(SimdPath.Vector512) || blocks == 0) return;

        // Padded to whole groups with copies of the last block, whose normals land in a scratch tail.
        int padded = (int)((blocks + GroupBlocks - 1) / GroupBlocks * GroupBlocks);
        blockAndWorker = new ulong[padded];
        replicateWords = new ulong[padded];
        int flat = 0;
        for (int r = 0; r < replicateCount; r++)
            for (int w = 0; w < workerCount; w++)
                for (int b = 0; b < blocksPerWorker; b++, flat++)
                {
                    blockAndWorker[flat] = (ulong)(uint)b | ((ulong)(uint)w << 32);
                    replicateWords[flat] = (uint)(firstReplicate + r);
                }
        for (; flat < padded; flat++)
        {
            blockAndWorker[flat] = blockAndWorker[flat - 1];
            replicateWords[flat] = replicateWords[flat - 1];
        }
    }

    /// <summary>r0.</summary>
    public int FirstReplicate { get; }

    /// <summary>R.</summary>
    public int ReplicateCount { get; }

    /// <summary>N.</summary>
    public int WorkerCount { get; }

    /// <summary>P.</summary>
    public int PerWorker { get; }

    /// <summary>R·N·P, the number of normals one step fills.</summary>
    public int Length { get; }

    /// <summary>Fills the first <see cref="Length"/> elements of <paramref name="destination"/> with the normals of <paramref name="step"/>.</summary>
    public void Fill(CounterBasedRandom random, int step, Span<double> destination) => Fill(random, step, destination, SimdPaths.Best);

    /// <summary><see cref="Fill(CounterBasedRandom, int, Span{double})"/> through a chosen path (tests).</summary>
    public void Fill(CounterBasedRandom random, int step, Span<double> destination, SimdPath path)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be non-negative (0-based).");
        if (destination.Length < Length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"destination: needs {Length} elements; got {destination.Length}."), nameof(destination));
        if (!SimdPaths.IsSupported(path)) throw new PlatformNotSupportedException($"SIMD path {path} needs instructions this processor lacks.");
        if (Length == 0) return;
        if (path == SimdPath.Vector512)
        {
            FillVector512(random.Key, (uint)step, destination[..Length]);
            return;
        }
        int perReplicate = WorkerCount * PerWorker;
        for (int r = 0; r < ReplicateCount; r++)
            NormalFill.Fill(random.Key, (uint)(FirstReplicate + r), 0, WorkerCount, (uint)step, PerWorker, destination.Slice(r * perReplicate, perReplicate), path);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillVector512(Key key, uint step, Span<double> destination)
    {
        bool pairs = PerWorker != 1;
        int normalsPerGroup = pairs ? 2 * GroupBlocks : GroupBlocks;
        int length = destination.Length;
        ref double target = ref MemoryMarshal.GetReference(destination);
        ref ulong blockWords = ref MemoryMarshal.GetArrayDataReference(blockAndWorker);
        ref ulong replicates = ref MemoryMarshal.GetArrayDataReference(replicateWords);
        var counter1 = WideUInt64.Broadcast(Vector512.Create((ulong)step));
        Span<double> tail = stackalloc double[2 * GroupBlocks];
        int position = 0;
        for (int block = 0; position < length; block += GroupBlocks)
        {
            var counter0 = Load(ref blockWords, block);
            var counter3 = Load(ref replicates, block);
            NormalKernelWide512.Normals(counter0, counter1, counter0.ShiftRight(32), counter3, key, out WideDouble even, out WideDouble odd);
            bool whole = position + normalsPerGroup <= length;
            ref double output = ref whole ? ref Unsafe.Add(ref target, position) : ref MemoryMarshal.GetReference(tail);
            if (pairs)
            {
                StorePairs(ref output, 0, even.First, odd.First);
                StorePairs(ref output, 16, even.Second, odd.Second);
                StorePairs(ref output, 32, even.Third, odd.Third);
                StorePairs(ref output, 48, even.Fourth, odd.Fourth);
            }
            else
            {
                even.First.StoreUnsafe(ref output, 0);
                even.Second.StoreUnsafe(ref output, 8);
                even.Third.StoreUnsafe(ref output, 16);
                even.Fourth.StoreUnsafe(ref output, 24);
            }
            if (!whole) tail[..(length - position)].CopyTo(destination[position..]);
            position += normalsPerGroup;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static WideUInt64 Load(ref ulong table, int block) => new(
        Vector512.LoadUnsafe(ref table, (nuint)block), Vector512.LoadUnsafe(ref table, (nuint)(block + 8)),
        Vector512.LoadUnsafe(ref table, (nuint)(block + 16)), Vector512.LoadUnsafe(ref table, (nuint)(block + 24)));

    /// <summary>Stores e0 o0 e1 o1 … e7 o7: block order, even normal first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairs(ref double output, int offset, Vector512<double> even, Vector512<double> odd)
    {
        Avx512F.PermuteVar8x64x2(even, Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11), odd).StoreUnsafe(ref output, (nuint)offset);
        Avx512F.PermuteVar8x64x2(even, Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15), odd).StoreUnsafe(ref output, (nuint)(offset + 8));
    }
}
