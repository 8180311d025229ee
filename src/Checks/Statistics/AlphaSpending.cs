namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Group-sequential α-spending for an assertion looked at S times (Lan &amp; DeMets 1983, "Discrete sequential
/// boundaries for clinical trials", Biometrika 70:659–663), with the union bound in place of the exact joint law of
/// the looks. Look s sees the nominal information fraction t_s = 2^{s−S} of the maximum sample (each look doubles the
/// sample; the last sees all of it) and spends the part of the assertion's share a that the spending function
/// α*(s) = a · (2^s − 1)/(2^S − 1) adds at s, i.e. a · 2^{s−1}/(2^S − 1): 1/31, 2/31, 4/31, 8/31, 16/31 of a for S = 5,
/// proportional to t_s. A look that is skipped (its sample would equal the next look's) spends nothing, and the next
/// look spends what the spending function adds up to it, so any subset of looks fixed before the data spends a in total.
/// </summary>
/// <remarks>
/// Why the false-fail rate stays a: each look decides on an interval at level 1 − a_s, which misses the true value
/// with probability at most a_s, so P(some look fails a true assertion) ≤ Σ a_s = a by the union bound, however
/// strongly the looks are correlated (they share replicates). Bonferroni over looks is conservative next to the exact
/// group-sequential boundaries (Pocock, O'Brien–Fleming), which need the joint normal law of the looks; it holds for
/// every interval construction the claims use (Fieller, fits, quantiles), which an exact boundary would not. Stopping
/// on a pass never adds to the false-fail rate: it only ends the chances to fail.
/// </remarks>
public static class AlphaSpending
{
    /// <summary>The default number of looks: the first at 1/16 of the maximum sample.</summary>
    public const int DefaultLooks = 5;

    /// <summary>The most looks a plan may have (2^S must stay a small exact integer).</summary>
    public const int MaximumLooks = 20;

    /// <summary>α*(s)/a = (2^s − 1)/(2^S − 1): the share of the assertion's α spent by look s (0 before the first, 1 at S).</summary>
    public static double Cumulative(int look, int looks)
    {
        CheckLooks(looks);
        if (look < 0 || look > looks) throw new ArgumentOutOfRangeException(nameof(look), look, $"look must lie in 0..{looks}, got {look}.");
        return ((1L << look) - 1) / (double)((1L << looks) - 1);
    }

    /// <summary>
    /// The share of the assertion's α that a look at <paramref name="look"/> spends when the previous look taken was
    /// <paramref name="previousLook"/> (0 for none): α*(look) − α*(previousLook), over a.
    /// </summary>
    public static double Spent(int previousLook, int look, int looks)
    {
        if (previousLook >= look) throw new ArgumentOutOfRangeException(nameof(previousLook), previousLook, $"the previous look ({previousLook}) must come before look {look}.");
        // Written as a difference of integers over one denominator, so the spends of all looks add to exactly 1.
        CheckLooks(looks);
        return ((1L << look) - (1L << Math.Max(previousLook, 0))) / (double)((1L << looks) - 1);
    }

    /// <summary>The sample a look takes out of <paramref name="maximum"/>: ⌈maximum · 2^{s−S}⌉ (maximum itself at s = S).</summary>
    public static int NominalSample(int maximum, int look, int looks)
    {
        CheckLooks(looks);
        ArgumentOutOfRangeException.ThrowIfNegative(maximum);
        if (look < 1 || look > looks) throw new ArgumentOutOfRangeException(nameof(look), look, $"look must lie in 1..{looks}, got {look}.");
        long divisor = 1L << (looks - look);
        return (int)((maximum + divisor - 1) / divisor);
    }

    private static void CheckLooks(int looks)
    {
        if (looks < 1 || looks > MaximumLooks)
            throw new ArgumentOutOfRangeException(nameof(looks), looks, $"looks must lie in 1..{MaximumLooks}, got {looks}.");
    }
}
