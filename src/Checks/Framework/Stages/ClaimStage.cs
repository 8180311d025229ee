using LocalSgdVerify.Checks.Framework.Measurements;
using LocalSgdVerify.Checks.Statistics;

namespace LocalSgdVerify.Checks.Framework.Stages;

/// <summary>
/// One look of a staged evaluation: look <see cref="Look"/> of <see cref="Looks"/>, which gives an experiment whose
/// profile allows at most M replicates n = ⌈M · 2^{Look−Looks}⌉ rounded up to whole measurement blocks (never above
/// M; M itself at the last look), and spends <see cref="AlphaFraction"/> of each assertion's α
/// (<see cref="AlphaSpending"/>).
/// </summary>
/// <param name="Look">1..Looks.</param>
/// <param name="Looks">The number of nominal looks S.</param>
/// <param name="AlphaFraction">The share of the assertion's α this look spends.</param>
public sealed record ClaimStage(int Look, int Looks, double AlphaFraction)
{
    /// <summary>The single look that sees every replicate and spends all of α: a claim evaluated on its own.</summary>
    public static ClaimStage Final { get; } = new(1, 1, 1);

    /// <summary>True for the last look, which sees the whole maximum.</summary>
    public bool IsLast => Look == Looks;

    /// <summary>The replicate count of this look for an experiment of at most <paramref name="maximum"/> replicates.</summary>
    public int Replicates(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximum);
        return IsLast ? maximum : MeasurementBlocks.RoundUp(AlphaSpending.NominalSample(maximum, Look, Looks), maximum);
    }
}
