using LocalSgdVerify.Checks.Framework.Exploration;

namespace LocalSgdVerify.Checks.Framework.Kit;

/// <summary>
/// Turns what a claim measured into its result, the one way every claim does it: the verdict combined from the
/// assertions, the headline taken from one assertion (its measured quantity, prediction and margin), the evidence
/// lines, figures, samples used and the exploration's report.
/// </summary>
public static class ClaimResults
{
    /// <summary>The result, headlined by <paramref name="headline"/> (one of <paramref name="assertions"/>).</summary>
    public static ClaimResult From(string claimId, IReadOnlyList<AssertionResult> assertions, AssertionResult headline, IReadOnlyList<string> evidence,
        IReadOnlyList<Figure> figures, long samplesUsed, ExplorationReport? exploration = null)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        ArgumentNullException.ThrowIfNull(headline);
        return new ClaimResult(claimId, ClaimResult.Combine(assertions), headline.Measured, headline.Predicted, headline.Margin, assertions, evidence, figures, samplesUsed)
        {
            Exploration = exploration,
        };
    }
}
