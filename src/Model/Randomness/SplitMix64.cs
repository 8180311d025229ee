namespace LocalSgdVerify.Model.Randomness;

/// <summary>
/// The SplitMix64 output function (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; constants of Vigna's splitmix64.c): a bijection of 64-bit words that sends nearby inputs to
/// unrelated outputs. Used to derive Philox keys from (seed, stream).
/// </summary>
internal static class SplitMix64
{
    /// <summary>The golden-ratio increment γ = 0x9E3779B97F4A7C15 of the SplitMix64 state.</summary>
    public const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    /// <summary>The finalizer: z ^= z &gt;&gt; 30; z *= 0xBF58476D1CE4E5B9; z ^= z &gt;&gt; 27; z *= 0x94D049BB133111EB; z ^= z &gt;&gt; 31.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
