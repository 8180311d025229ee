namespace LocalSgdVerify.Checks.Statistics;

/// <summary>
/// Outcome of one statistical assertion (claims.md §6). An interval too wide to decide gives
/// <see cref="Inconclusive"/>, never <see cref="Pass"/>.
/// </summary>
public enum Verdict
{
    /// <summary>The whole confidence interval lies in the acceptance region.</summary>
    Pass,

    /// <summary>The whole confidence interval lies outside the acceptance region.</summary>
    Fail,

    /// <summary>The interval straddles the boundary of the acceptance region: the data cannot decide.</summary>
    Inconclusive,
}

/// <summary>
/// A verdict and its margin. Sign convention: <see cref="Margin"/> is how far the least favourable end of the
/// interval sits inside the acceptance region, in the quantity's units — positive means room to spare (and the
/// verdict is <see cref="Verdict.Pass"/>), negative means that much of the interval lies beyond the boundary
/// (−∞ for an unbounded interval). It rises monotonically as the interval moves towards the good side or shrinks.
/// </summary>
/// <param name="Verdict">Pass, fail or inconclusive.</param>
/// <param name="Margin">Signed distance of the interval's worst end from the acceptance boundary; positive = room to spare.</param>
public readonly record struct Decision(Verdict Verdict, double Margin);
