namespace LocalSgdVerify.Checks.Statistics;

/// <summary>Shape of the confidence set for a ratio of means.</summary>
public enum RatioIntervalShape
{
    /// <summary>A finite interval [Low, High].</summary>
    Bounded,

    /// <summary>Two rays (−∞, r₁] ∪ [r₂, +∞): the denominator mean is not clearly away from zero.</summary>
    OutsideInterval,

    /// <summary>The whole real line: the data cannot bound the ratio at all.</summary>
    WholeLine,
}

/// <summary>
/// Confidence set for a ratio of means E[x]/E[y]. When the set is unbounded (<see cref="Shape"/> is not
/// <see cref="RatioIntervalShape.Bounded"/>) <see cref="Interval"/> is its hull (−∞, +∞), so any verdict rule applied
/// to it returns <see cref="Verdict.Inconclusive"/> — the caller must report the comparison as inconclusive.
/// </summary>
/// <param name="Interval">The interval, or the hull (−∞, +∞) of an unbounded set.</param>
/// <param name="Shape">Whether the set is bounded, two rays, or the whole line.</param>
/// <param name="ExcludedLow">For <see cref="RatioIntervalShape.OutsideInterval"/>, r₁ (the set is (−∞, r₁] ∪ [r₂, +∞)); otherwise NaN.</param>
/// <param name="ExcludedHigh">For <see cref="RatioIntervalShape.OutsideInterval"/>, r₂; otherwise NaN.</param>
public sealed record RatioInterval(Interval Interval, RatioIntervalShape Shape, double ExcludedLow, double ExcludedHigh)
{
    /// <summary>True when the set is a finite interval.</summary>
    public bool IsBounded => Shape == RatioIntervalShape.Bounded;

    /// <summary>Membership in the confidence set itself (not only its hull).</summary>
    public bool Contains(double ratio) => Shape switch
    {
        RatioIntervalShape.Bounded => Interval.Contains(ratio),
        RatioIntervalShape.OutsideInterval => ratio <= ExcludedLow || ratio >= ExcludedHigh,
        _ => !double.IsNaN(ratio),
    };
}
