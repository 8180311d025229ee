using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>Philox4x32-10 against the known-answer vectors of the Random123 distribution (kat_vectors, "philox4x32 10" lines).</summary>
public class PhiloxKnownAnswerTests
{
    [Theory]
    // counter (4 words), key (2 words), expected block (4 words), as printed in Random123's kat_vectors.
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void GenerateMatchesRandom123KnownAnswers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint e0, uint e1, uint e2, uint e3)
    {
        Block block = Philox4x32.Generate(new Counter(c0, c1, c2, c3), new Key(k0, k1));
        Assert.Equal(new Block(e0, e1, e2, e3), block);
    }

    [Fact]
    public void SplitMix64OutputsMatchVignaReferenceForSeedZero()
    {
        // splitmix64.c with state 0: next() adds γ and returns the finalizer, so output n is Mix((n + 1)·γ).
        ulong[] expected = [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F];
        for (int n = 0; n < expected.Length; n++)
        {
            Assert.Equal(expected[n], SplitMix64.Mix((ulong)(n + 1) * SplitMix64.GoldenGamma));
        }
    }

    [Theory]
    [InlineData(0UL, 0u)]
    [InlineData(12345UL, 7u)]
    [InlineData(ulong.MaxValue, uint.MaxValue)]
    public void DerivedKeyFollowsTheDocumentedHash(ulong seed, uint stream)
    {
        // The contract: h = M(M(seed + γ) + (stream + 1)·γ), key = (low word, high word). M itself is pinned by the
        // reference outputs above; for seed 0 the inner value is SplitMix64's first output 0xE220A8397B1DCDAF.
        if (seed == 0)
        {
            Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Mix(seed + SplitMix64.GoldenGamma));
        }
        ulong hash = SplitMix64.Mix(unchecked(SplitMix64.Mix(seed + SplitMix64.GoldenGamma) + ((ulong)stream + 1) * SplitMix64.GoldenGamma));
        Key key = CounterBasedRandom.DeriveKey(seed, stream);
        Assert.Equal(new Key((uint)hash, (uint)(hash >> 32)), key);
        Assert.Equal(key, new CounterBasedRandom(seed, stream).Key);
    }
}
