using System.Runtime.CompilerServices;

namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy
/// as 1, 2, 3" (SC'11), in the word order of the Random123 reference. One round maps (x0, x1, x2, x3) with key
/// (k0, k1) to (hi(M1·x2) ⊕ x1 ⊕ k0, lo(M1·x2), hi(M0·x0) ⊕ x3 ⊕ k1, lo(M0·x0)) with M0 = 0xD2511F53,
/// M1 = 0xCD9E8D57; between rounds the key is bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85).
/// Ten rounds; known-answer vectors are those of Random123's kat_vectors file.
/// </summary>
public static class Philox4x32
{
    /// <summary>Multiplier applied to word 0 (PHILOX_M4x32_0).</summary>
    internal const uint Multiplier0 = 0xD2511F53;

    /// <summary>Multiplier applied to word 2 (PHILOX_M4x32_1).</summary>
    internal const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>Weyl increment of key word 0 (golden ratio, PHILOX_W32_0).</summary>
    internal const uint Weyl0 = 0x9E3779B9;

    /// <summary>Weyl increment of key word 1 (sqrt(3) − 1, PHILOX_W32_1).</summary>
    internal const uint Weyl1 = 0xBB67AE85;

    /// <summary>Number of rounds; 10 is the variant the paper recommends and Random123 tests (Crush-resistant with margin).</summary>
    public const int Rounds = 10;

    /// <summary>The block for <paramref name="counter"/> under <paramref name="key"/>: ten Philox rounds with key bumps between them.</summary>
    public static Block Generate(Counter counter, Key key)
    {
        uint x0 = counter.Word0, x1 = counter.Word1, x2 = counter.Word2, x3 = counter.Word3;
        uint k0 = key.Word0, k1 = key.Word1;
        Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
        for (int round = 1; round < Rounds; round++)
        {
            k0 += Weyl0;
            k1 += Weyl1;
            Round(ref x0, ref x1, ref x2, ref x3, k0, k1);
        }
        return new Block(x0, x1, x2, x3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint x0, ref uint x1, ref uint x2, ref uint x3, uint k0, uint k1)
    {
        ulong product0 = (ulong)Multiplier0 * x0;
        ulong product1 = (ulong)Multiplier1 * x2;
        uint next0 = (uint)(product1 >> 32) ^ x1 ^ k0;
        uint next2 = (uint)(product0 >> 32) ^ x3 ^ k1;
        x0 = next0;
        x1 = (uint)product1;
        x2 = next2;
        x3 = (uint)product0;
    }
}
