namespace LocalSgdVerify.Checks.Framework;

/// <summary>
/// A claim's seed: a 64-bit FNV-1a hash of its id mixed into the master seed with a SplitMix64 finaliser, so the
/// claims of one run are independent and adding a claim never changes another's numbers.
/// </summary>
public static class ClaimSeeds
{
    /// <summary>seed(claim) = mix(master ⊕ FNV-1a(id)).</summary>
    public static ulong For(ulong masterSeed, string claimId)
    {
        ulong z = masterSeed ^ StableHash.Of(claimId);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
