using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework.Stages;

/// <summary>
/// The looks at which a claim is evaluated, fixed from its design before anything runs: the nominal looks
/// s = 1..S of <see cref="AlphaSpending"/> at the design's replicate count, leaving out a look whose replicate count
/// equals the next one's (it would decide on the same data with less α); each kept look spends what the spending
/// function adds since the previous kept look, so the kept looks spend the whole α. A claim with no statistical
/// assertion or no replicates has one look, the last, with all of α: it has nothing to decide early.
/// </summary>
public static class StagePlan
{
    /// <summary>The looks for <paramref name="design"/>, in order; the last always sees the whole maximum.</summary>
    public static IReadOnlyList<ClaimStage> For(ClaimDesign design, int looks = AlphaSpending.DefaultLooks)
    {
        ArgumentNullException.ThrowIfNull(design);
        return For(design.Replicates, design.Assertions, looks);
    }

    /// <summary>The looks for an experiment of <paramref name="maximum"/> replicates making <paramref name="statisticalAssertions"/> statistical assertions.</summary>
    public static IReadOnlyList<ClaimStage> For(int maximum, int statisticalAssertions, int looks = AlphaSpending.DefaultLooks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximum);
        if (statisticalAssertions <= 0 || maximum <= 0) return [ClaimStage.Final];
        var plan = new List<ClaimStage>();
        int previous = 0;
        for (int look = 1; look <= looks; look++)
        {
            var nominal = new ClaimStage(look, looks, 0);
            if (look < looks && nominal.Replicates(maximum) == new ClaimStage(look + 1, looks, 0).Replicates(maximum)) continue;
            plan.Add(nominal with { AlphaFraction = AlphaSpending.Spent(previous, look, looks) });
            previous = look;
        }
        return plan;
    }
}
