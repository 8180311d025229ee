using System.Globalization;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// An independent family of streams keyed by (master seed, stream id), drawing every number as a pure function of
/// (seed, stream, replicate, worker, step, index) with Philox4x32-10 (Salmon et al., SC'11). The simulator, the
/// reference implementation and the validation harness therefore see the same noise for the same address, two
/// communication schedules run with one seed share common random numbers, and any replicate can be recomputed alone.
/// <para>Contract (changing any line changes every number the suite draws):</para>
/// <list type="bullet">
/// <item>Key: h = M(M(seed + γ) + (stream + 1)·γ) mod 2^64 with M the SplitMix64 finalizer and γ = 0x9E3779B97F4A7C15
/// (output number <c>stream</c> of a SplitMix64 generator started at the first output for <c>seed</c>);
/// key = (k0, k1) = (low 32 bits of h, high 32 bits of h).</item>
/// <item>Counter of the block holding draw <c>index</c> at (r, w, t): (c0, c1, c2, c3) = (index / 2, t, w, r).</item>
/// <item>Normals: the block (x0, x1, x2, x3) gives u1 = (((x0 | x1·2^32) &gt;&gt; 11) + 1)·2^-53 ∈ (0, 1] and
/// u2 = ((x2 | x3·2^32) &gt;&gt; 11)·2^-53 ∈ [0, 1); ρ = √(−2 ln u1); normal 2k = ρ cos(2πu2), normal 2k+1 = ρ sin(2πu2)
/// (Box–Muller), with ln and sincos(2π·) from <see cref="PortableMath"/> so scalar and SIMD paths agree bit for bit.</item>
/// <item>Uniforms: word pair (x0, x1) of block index/2 for even index, (x2, x3) for odd index; u = (w &gt;&gt; 11)·2^-53.</item>
/// <item>Uniform integers: Lemire's multiply-and-reject on the same 64-bit word as <see cref="Uniform"/> (see
/// <see cref="UniformInteger"/>).</item>
/// </list>
/// Normal, Uniform and UniformInteger with the same stream, address and index read the same block: use different
/// stream ids (<see cref="NoiseStreams"/>) for draws that must be independent. The struct is immutable and
/// thread-safe; no method allocates.
/// </summary>
public readonly struct CounterBasedRandom
{
    /// <summary>Largest number of rejection rounds of <see cref="UniformInteger"/>; counter word 0 has room for four.</summary>
    private const int MaximumIntegerAttempts = 4;

    /// <summary>Attempt a of <see cref="UniformInteger"/> reads counter word 0 = index/2 + a·2^30 (index/2 &lt; 2^30).</summary>
    private const uint AttemptStride = 1u << 30;

    /// <summary>The key of (0, 0), so that default(CounterBasedRandom) behaves exactly as new CounterBasedRandom(0, 0).</summary>
    private static readonly Key ZeroSeedKey = DeriveKey(0, 0);

    // Stored as the XOR with the key of (0, 0): the all-zero default struct then carries the key of seed 0, stream 0.
    private readonly uint keyWord0FromZero;
    private readonly uint keyWord1FromZero;

    /// <summary>The stream family for <paramref name="seed"/> and purpose <paramref name="stream"/>; the key is <see cref="DeriveKey"/>(seed, stream).</summary>
    public CounterBasedRandom(ulong seed, uint stream)
    {
        Seed = seed;
        Stream = stream;
        Key derived = DeriveKey(seed, stream);
        keyWord0FromZero = derived.Word0 ^ ZeroSeedKey.Word0;
        keyWord1FromZero = derived.Word1 ^ ZeroSeedKey.Word1;
    }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>The stream id that separates purposes (see <see cref="NoiseStreams"/>).</summary>
    public uint Stream { get; }

    /// <summary>The Philox key derived from (<see cref="Seed"/>, <see cref="Stream"/>); default(CounterBasedRandom) has seed 0, stream 0 and their key.</summary>
    public Key Key => new(keyWord0FromZero ^ ZeroSeedKey.Word0, keyWord1FromZero ^ ZeroSeedKey.Word1);

    /// <summary>
    /// The Philox key of (seed, stream): h = M(M(seed + γ) + (stream + 1)·γ), key = (low 32 bits of h, high 32 bits of h),
    /// with M the SplitMix64 finalizer and γ = 0x9E3779B97F4A7C15; nearby seeds or streams give unrelated keys.
    /// </summary>
    public static Key DeriveKey(ulong seed, uint stream)
    {
        ulong seedState = SplitMix64.Mix(seed + SplitMix64.GoldenGamma);
        ulong hash = SplitMix64.Mix(seedState + ((ulong)stream + 1) * SplitMix64.GoldenGamma);
        return new Key((uint)hash, (uint)(hash >> 32));
    }

    /// <summary>The raw Philox block number <paramref name="blockIndex"/> at <paramref name="address"/>: counter (blockIndex, t, w, r).</summary>
    public Block BlockAt(NoiseAddress address, uint blockIndex)
    {
        ValidateAddress(address);
        return Philox4x32.Generate(CounterFor(address, blockIndex), Key);
    }

    /// <summary>Standard normal number <paramref name="index"/> (0-based) of the draw at <paramref name="address"/>.</summary>
    public double Normal(NoiseAddress address, int index)
    {
        ValidateAddress(address);
        ValidateNonNegative(index, nameof(index));
        Block block = Philox4x32.Generate(CounterFor(address, (uint)index / 2), Key);
        NormalPairs.FromBlock(block, out double even, out double odd);
        return (index & 1) == 0 ? even : odd;
    }

    /// <summary>Fills destination[j] = <see cref="Normal"/>(address, j) for j = 0..length−1 with the widest SIMD path; bit-identical to <see cref="Normal"/>.</summary>
    public void FillNormals(NoiseAddress address, Span<double> destination) =>
        FillNormals(address, destination, SimdPaths.Best);

    /// <summary><see cref="FillNormals(NoiseAddress, Span{double})"/> through a chosen path (tests and benchmarks).</summary>
    internal void FillNormals(NoiseAddress address, Span<double> destination, SimdPath path)
    {
        ValidateAddress(address);
        ValidatePath(path);
        NormalFill.Fill(Key, (uint)address.Replicate, (uint)address.Worker, 1, (uint)address.Step, destination.Length, destination, path);
    }

    /// <summary>
    /// For workers w = firstWorker .. firstWorker+workerCount−1 of one replicate and step, writes
    /// Normal((replicate, w, step), j) for j = 0..perWorker−1 into destination[(w − firstWorker)·perWorker + j]
    /// (the first workerCount·perWorker elements; the rest is untouched). Bit-identical to <see cref="Normal"/>.
    /// SIMD lanes run across workers, so short rows (perWorker = 3) still fill whole vectors; with odd perWorker the
    /// unused odd normal of each worker's last block is computed and dropped.
    /// </summary>
    public void FillNormalsForWorkers(int replicate, int firstWorker, int workerCount, int step, int perWorker, Span<double> destination) =>
        FillNormalsForWorkers(replicate, firstWorker, workerCount, step, perWorker, destination, SimdPaths.Best);

    /// <summary><see cref="FillNormalsForWorkers(int, int, int, int, int, Span{double})"/> through a chosen path.</summary>
    internal void FillNormalsForWorkers(int replicate, int firstWorker, int workerCount, int step, int perWorker, Span<double> destination, SimdPath path)
    {
        ValidateNonNegative(replicate, nameof(replicate));
        ValidateNonNegative(firstWorker, nameof(firstWorker));
        ValidateNonNegative(workerCount, nameof(workerCount));
        ValidateNonNegative(step, nameof(step));
        ValidateNonNegative(perWorker, nameof(perWorker));
        if ((long)firstWorker + workerCount - 1 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(workerCount), workerCount, string.Create(CultureInfo.InvariantCulture,
                $"workerCount: firstWorker + workerCount − 1 must not exceed {int.MaxValue}; got firstWorker {firstWorker}, workerCount {workerCount}."));
        }
        long needed = (long)workerCount * perWorker;
        if (needed > destination.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"destination: needs workerCount·perWorker = {needed} elements; got length {destination.Length}."), nameof(destination));
        }
        ValidatePath(path);
        NormalFill.Fill(Key, (uint)replicate, (uint)firstWorker, workerCount, (uint)step, perWorker, destination[..(int)needed], path);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits: (w &gt;&gt; 11)·2^-53, w the word pair of block index/2 chosen by the parity of <paramref name="index"/>.</summary>
    public double Uniform(NoiseAddress address, int index)
    {
        ValidateAddress(address);
        ValidateNonNegative(index, nameof(index));
        return (UniformWord(address, (uint)index, 0) >> 11) * NormalPairs.TwoPowMinus53;
    }

    /// <summary>
    /// Uniform integer in [0, <paramref name="count"/>), exactly unbiased up to a 2^-130 event (Lemire, "Fast random
    /// integer generation in an interval", ACM TOMACS 29(1), 2019, on 64-bit words): with w the 64-bit word of
    /// <see cref="Uniform"/>, m = w·count as a 128-bit product; if low64(m) &lt; (2^64 − count) mod count the word is
    /// rejected and attempt a = 1, 2, 3 reads the same word pair of counter (index/2 + a·2^30, t, w, r), a region no
    /// index reaches. The result is high64(m) of the first accepted word. Each rejection has probability below
    /// count/2^64 ≤ 2^-33; if all four words are rejected the last one is used anyway.
    /// </summary>
    public int UniformInteger(NoiseAddress address, int index, int count)
    {
        ValidateAddress(address);
        ValidateNonNegative(index, nameof(index));
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture,
                $"count must be at least 1; got {count}."));
        }

        ulong range = (ulong)count;
        int value = 0;
        for (int attempt = 0; attempt < MaximumIntegerAttempts; attempt++)
        {
            if (LemireAccepts(UniformWord(address, (uint)index, attempt), range, out value))
            {
                break;
            }
        }
        return value;
    }

    /// <summary>
    /// One step of Lemire's method: value = high64(word·range); the word is accepted unless
    /// low64(word·range) &lt; 2^64 mod range, which makes every value in [0, range) equally likely over accepted words.
    /// </summary>
    internal static bool LemireAccepts(ulong word, ulong range, out int value)
    {
        ulong high = Math.BigMul(word, range, out ulong low);
        value = (int)high;
        // The cheap test low ≥ range settles almost every word without the division.
        return low >= range || low >= (0UL - range) % range;
    }

    private ulong UniformWord(NoiseAddress address, uint index, int attempt)
    {
        Block block = Philox4x32.Generate(CounterFor(address, index / 2 + (uint)attempt * AttemptStride), Key);
        return (index & 1) == 0
            ? block.Word0 | ((ulong)block.Word1 << 32)
            : block.Word2 | ((ulong)block.Word3 << 32);
    }

    private static Counter CounterFor(NoiseAddress address, uint blockIndex) =>
        new(blockIndex, (uint)address.Step, (uint)address.Worker, (uint)address.Replicate);

    private static void ValidateAddress(NoiseAddress address)
    {
        ValidateNonNegative(address.Replicate, "address.Replicate");
        ValidateNonNegative(address.Worker, "address.Worker");
        ValidateNonNegative(address.Step, "address.Step");
    }

    private static void ValidateNonNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"{name} must be non-negative (0-based); got {value}."));
        }
    }

    private static void ValidatePath(SimdPath path)
    {
        if (!SimdPaths.IsSupported(path))
        {
            throw new PlatformNotSupportedException($"SIMD path {path} needs instructions this processor lacks.");
        }
    }
}
