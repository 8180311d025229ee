using System.Globalization;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Statistics;
using static LocalSgdVerify.Model.Text.NumberText;

namespace LocalSgdVerify.Validation.Blackbox;

/// <summary>
/// The statistical assertions of blackbox mode, each at its share α of the error budget: a sample mean against an
/// exact value (Student t), against a reference sample (Welch), and two error distributions (two-sample DKWM). A
/// mean check too weak to detect a <see cref="BlackboxValidator.DetectableRelativeChange"/> change can be made
/// inconclusive rather than a pass.
/// </summary>
internal static class BlackboxAssertions
{
    private const double DetectableRelativeChange = BlackboxValidator.DetectableRelativeChange;

    internal static AssertionResult AgainstExact(string name, double[] values, double exact, double alpha, string unit, bool inconclusiveWhenWeak)
    {
        var summary = SampleSummary.Of(values);
        var interval = MeanIntervals.StudentT(summary, 1 - alpha);
        double detectable = ExperimentDesign.MinimumDetectableDifference(summary, alpha);
        var verdict = !interval.Contains(exact) ? Verdict.Fail
            : inconclusiveWhenWeak && detectable > DetectableRelativeChange * Math.Abs(exact) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new AssertionResult(name, verdict,
            new Quantity("sample mean", summary.Mean, unit, interval.Low, interval.High, interval.Level),
            new Prediction($"exact {SixSignificant(exact)}", exact),
            Math.Min(exact - interval.Low, interval.High - exact), $"Student t ({interval.Assumption})", alpha, detectable,
            inconclusiveWhenWeak ? $"inconclusive when the detectable discrepancy exceeds {SixSignificant(DetectableRelativeChange * 100)}% of the exact value" : null);
    }

    internal static AssertionResult AgainstSample(string name, double[] values, double[] referenceValues, double alpha, bool inconclusiveWhenWeak)
    {
        var interval = TwoSampleTests.WelchDifference(values, referenceValues, 1 - alpha);
        var mine = SampleSummary.Of(values);
        var theirs = SampleSummary.Of(referenceValues);
        double detectable = ExperimentDesign.Multiplier(alpha) * Math.Sqrt(mine.Variance / mine.Count + theirs.Variance / theirs.Count);
        var verdict = !interval.Contains(0) ? Verdict.Fail
            : inconclusiveWhenWeak && detectable > DetectableRelativeChange * Math.Abs(theirs.Mean) ? Verdict.Inconclusive
            : Verdict.Pass;
        return new AssertionResult(name, verdict,
            new Quantity("difference of means (implementation − reference)", interval.Estimate, "", interval.Low, interval.High, interval.Level),
            new Prediction($"0 (reference mean {SixSignificant(theirs.Mean)})", 0),
            Math.Min(-interval.Low, interval.High), $"Welch ({interval.Assumption})", alpha, detectable,
            inconclusiveWhenWeak ? $"inconclusive when the detectable discrepancy exceeds {SixSignificant(DetectableRelativeChange * 100)}% of the reference mean" : null);
    }

    internal static AssertionResult Distribution(string name, double[] values, double[] referenceValues, double alpha)
    {
        var (distance, threshold) = TwoSampleTests.DkwmDistance(values, referenceValues, alpha);
        return new AssertionResult(name, distance > threshold ? Verdict.Fail : Verdict.Pass,
            new Quantity("sup |F_implementation − F_reference| of the errors", distance),
            new Prediction($"at most {SixSignificant(threshold)} (two DKWM bands)", High: threshold),
            threshold - distance, $"two-sample DKWM (distribution-free), n = {Integer(values.Length)} and {Integer(referenceValues.Length)}", alpha, threshold);
    }


}
