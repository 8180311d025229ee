using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>
/// The documented mapping from (seed, stream, address, index) to numbers, recomputed here from Philox blocks with
/// the runtime's own Math.Log/Math.Cos/Math.Sin, so a change of counter layout, word order or formula fails.
/// </summary>
public class CounterBasedRandomContractTests
{
    private const double TwoPowMinus53 = 1.0 / (1UL << 53);

    private static Block BlockFor(CounterBasedRandom random, NoiseAddress address, uint blockIndex) =>
        Philox4x32.Generate(new Counter(blockIndex, (uint)address.Step, (uint)address.Worker, (uint)address.Replicate),
            CounterBasedRandom.DeriveKey(random.Seed, random.Stream));

    [Fact]
    public void NormalIsBoxMullerOnTheDocumentedCounter()
    {
        var index = Gen.Frequency((3, Gen.Choose(0, 100)), (1, Gen.Choose(int.MaxValue - 5, int.MaxValue)));
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), RandomnessGenerators.Address.ToArbitrary(), index.ToArbitrary(), (random, address, j) =>
            {
                Block block = BlockFor(random, address, (uint)j / 2);
                double u1 = (((block.Word0 | ((ulong)block.Word1 << 32)) >> 11) + 1) * TwoPowMinus53;
                double u2 = ((block.Word2 | ((ulong)block.Word3 << 32)) >> 11) * TwoPowMinus53;
                double radius = Math.Sqrt(-2 * Math.Log(u1));
                double expected = radius * (j % 2 == 0 ? Math.Cos(2 * Math.PI * u2) : Math.Sin(2 * Math.PI * u2));
                // Math.Cos(2π·u2) errs by up to |ρ|·2π·2^-53 ≈ 1e-14 through the rounded argument; PortableMath by a few ulp.
                return Math.Abs(random.Normal(address, j) - expected) <= 1e-13;
            })
            .Check(RandomnessPropertyConfig.Create(1000));
    }

    [Fact]
    public void UniformIsTheWordPairChosenByParity()
    {
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), RandomnessGenerators.Address.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (random, address, j) =>
            {
                Block block = BlockFor(random, address, (uint)j / 2);
                ulong word = j % 2 == 0 ? block.Word0 | ((ulong)block.Word1 << 32) : block.Word2 | ((ulong)block.Word3 << 32);
                double u = random.Uniform(address, j);
                return u == (word >> 11) * TwoPowMinus53 && u >= 0 && u < 1;
            })
            .Check(RandomnessPropertyConfig.Create(1000));
    }

    [Fact]
    public void UniformIntegerIsTheHighWordOfTheLemireProduct()
    {
        var count = Gen.Frequency((2, Gen.Choose(1, 20)), (1, Gen.Choose(1, int.MaxValue)), (1, Gen.Elements(int.MaxValue, 1 << 30, 3)));
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), RandomnessGenerators.Address.ToArbitrary(), count.ToArbitrary(), (random, address, n) =>
            {
                int j = address.Step % 7;
                Block block = BlockFor(random, address, (uint)j / 2);
                ulong word = j % 2 == 0 ? block.Word0 | ((ulong)block.Word1 << 32) : block.Word2 | ((ulong)block.Word3 << 32);
                // Rejection has probability below 2^-33 per draw: the first word decides in every generated case.
                int expected = (int)(((UInt128)word * (ulong)n) >> 64);
                int value = random.UniformInteger(address, j, n);
                return value == expected && value >= 0 && value < n;
            })
            .Check(RandomnessPropertyConfig.Create(1000));
    }

    [Theory]
    // range 3: 2^64 mod 3 = 1, so only words whose product has low word 0 (word 0) are rejected.
    [InlineData(0UL, 3UL, false, 0)]
    [InlineData(1UL, 3UL, true, 0)]
    [InlineData(ulong.MaxValue, 3UL, true, 2)]
    [InlineData(0x5555_5555_5555_5556UL, 3UL, true, 1)] // ⌈2^64/3⌉: product 2^64 + 2, high word 1
    // range 2^31 − 1: 2^64 mod (2^31 − 1) = 4 (since 2^31 ≡ 1), so low words 0..3 are rejected.
    [InlineData(0UL, 2147483647UL, false, 0)]
    [InlineData(0x8000_0001_0000_0002UL, 2147483647UL, true, 1073741823)] // product 2^94 − 2
    // A power of two never rejects: 2^64 mod 2^k = 0.
    [InlineData(0UL, 1024UL, true, 0)]
    [InlineData(0xFFC0_0000_0000_0000UL, 1024UL, true, 1023)]
    public void LemireStepAcceptsAndMapsAsDerivedByHand(ulong word, ulong range, bool accepted, int value)
    {
        Assert.Equal(accepted, CounterBasedRandom.LemireAccepts(word, range, out int mapped));
        Assert.Equal(value, mapped);
    }

    [Fact]
    public void CountOneAlwaysGivesZero()
    {
        var random = new CounterBasedRandom(5, NoiseStreams.RowSampling);
        for (int j = 0; j < 100; j++)
        {
            Assert.Equal(0, random.UniformInteger(new NoiseAddress(0, 1, 2), j, 1));
        }
    }

    [Fact]
    public void DifferentStreamsSeedsAndAddressesGiveDifferentNormals()
    {
        var indexedAddress =
            from address in RandomnessGenerators.Address
            from j in Gen.Choose(0, 1000)
            select (address, j);
        Prop.ForAll(RandomnessGenerators.Seed.ToArbitrary(), RandomnessGenerators.Stream.ToArbitrary(), indexedAddress.ToArbitrary(), (seed, stream, at) =>
                {
                    (NoiseAddress address, int j) = at;
                    var random = new CounterBasedRandom(seed, stream);
                    double value = random.Normal(address, j);
                    var neighbours = new[]
                    {
                        new CounterBasedRandom(seed + 1, stream).Normal(address, j),
                        new CounterBasedRandom(seed, stream + 1).Normal(address, j),
                        random.Normal(address with { Replicate = address.Replicate ^ 1 }, j),
                        random.Normal(address with { Worker = address.Worker ^ 1 }, j),
                        random.Normal(address with { Step = address.Step ^ 1 }, j),
                        random.Normal(address, j ^ 1),
                        random.Normal(address, j + 2),
                    };
                    // Equal doubles from distinct 128-bit blocks have probability about 2^-50 per pair.
                    return neighbours.All(other => other != value);
                })
            .Check(RandomnessPropertyConfig.Create(500));
    }

    [Fact]
    public void SameSeedAndStreamReproduceTheSameNumbers()
    {
        var address = new NoiseAddress(4, 2, 9);
        var first = new CounterBasedRandom(42, NoiseStreams.GradientNoise);
        var second = new CounterBasedRandom(42, NoiseStreams.GradientNoise);
        for (int j = 0; j < 50; j++)
        {
            Assert.Equal(first.Normal(address, j), second.Normal(address, j));
            Assert.Equal(first.Uniform(address, j), second.Uniform(address, j));
        }
        Assert.Equal(42UL, first.Seed);
        Assert.Equal(NoiseStreams.GradientNoise, first.Stream);
    }

    [Fact]
    public void BlockAtIsPhiloxOnTheDocumentedCounter()
    {
        var random = new CounterBasedRandom(7, 3);
        var address = new NoiseAddress(1, 2, 3);
        Assert.Equal(BlockFor(random, address, 11), random.BlockAt(address, 11));
    }

    [Fact]
    public void DefaultInstanceIsSeedZeroStreamZero()
    {
        CounterBasedRandom defaulted = default;
        var explicitZero = new CounterBasedRandom(0, 0);
        Assert.Equal(explicitZero.Key, defaulted.Key);
        Assert.Equal(CounterBasedRandom.DeriveKey(0, 0), defaulted.Key);
        Assert.Equal(explicitZero.Normal(new NoiseAddress(1, 2, 3), 4), defaulted.Normal(new NoiseAddress(1, 2, 3), 4));
    }

    [Fact]
    public void FillsDoNotAllocate()
    {
        var random = new CounterBasedRandom(3, NoiseStreams.GradientNoise);
        var values = new double[1001];
        foreach (SimdPath path in RandomnessGenerators.SupportedPaths())
        {
            // Warm up so that one-time costs (type initialisation, tiering) are not counted.
            random.FillNormals(new NoiseAddress(0, 0, 0), values, path);
            random.FillNormalsForWorkers(0, 0, 7, 0, 143, values, path);
            long before = GC.GetAllocatedBytesForCurrentThread();
            random.FillNormals(new NoiseAddress(0, 0, 1), values, path);
            random.FillNormalsForWorkers(0, 0, 7, 1, 143, values, path);
            random.FillNormalsForWorkers(0, 0, 10, 1, 100, values, path);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
