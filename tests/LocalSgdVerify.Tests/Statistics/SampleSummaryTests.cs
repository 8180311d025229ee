using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class SampleSummaryTests
{
    [Fact]
    public void SummaryOfOneToFiveIsKnownByHand()
    {
        var summary = SampleSummary.Of([4, 1, 5, 3, 2]);
        Assert.Equal(5, summary.Count);
        Assert.Equal(3, summary.Mean);
        Assert.Equal(2.5, summary.Variance); // (4 + 1 + 0 + 1 + 4) / 4
        Assert.Equal(Math.Sqrt(2.5), summary.StandardDeviation);
        Assert.Equal(Math.Sqrt(0.5), summary.StandardError);
        Assert.Equal(3, summary.Median);
        Assert.Equal(1, summary.Minimum);
        Assert.Equal(5, summary.Maximum);
    }

    [Fact]
    public void MedianOfEvenSampleAveragesTheMiddlePair()
    {
        Assert.Equal(2.5, SampleSummary.Of([10, 1, 2, 3]).Median);
    }

    [Fact]
    public void CompensatedSumKeepsWhatNaiveSummationLoses()
    {
        // Naive left-to-right gives (1e16 + 1) − 1e16 = 0; the exact sum is 1.
        Assert.Equal(1, CompensatedSum.Sum([1e16, 1, -1e16]));
        Assert.Equal(2, CompensatedSum.Sum([1, 1e100, 1, -1e100]));
    }

    [Fact]
    public void VarianceSurvivesALargeOffset()
    {
        // {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}: deviations −6, −3, 3, 6, so s² = 90/3 = 30.
        var summary = SampleSummary.Of([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
        Assert.Equal(30, summary.Variance);
    }

    [Fact]
    public void SameInputGivesSameBits()
    {
        PropertyChecks.Verify(Prop.ForAll(Samples.VaryingSample.ToArbitrary(), values =>
        {
            var first = SampleSummary.Of(values);
            var second = SampleSummary.Of(values.ToArray());
            return BitConverter.DoubleToInt64Bits(first.Mean) == BitConverter.DoubleToInt64Bits(second.Mean)
                && BitConverter.DoubleToInt64Bits(first.Variance) == BitConverter.DoubleToInt64Bits(second.Variance)
                && first == second;
        }));
    }

    [Fact]
    public void PermutationChangesMeanAndVarianceByAtMostRounding()
    {
        // Claimed: mean and variance agree across orders to 1e-12 of the scale of the data; order statistics exactly.
        var arbitrary = Samples.VaryingSample
            .SelectMany(values => Samples.Permutation(values).Select(permuted => (values, permuted)))
            .ToArbitrary();
        PropertyChecks.Verify(Prop.ForAll(arbitrary, pair =>
        {
            var original = SampleSummary.Of(pair.values);
            var permuted = SampleSummary.Of(pair.permuted);
            double scale = pair.values.Max(Math.Abs);
            return Math.Abs(original.Mean - permuted.Mean) <= 1e-12 * scale
                && Math.Abs(original.Variance - permuted.Variance) <= 1e-12 * scale * scale
                && original.Median == permuted.Median
                && original.Minimum == permuted.Minimum
                && original.Maximum == permuted.Maximum;
        }));
    }

    [Fact]
    public void MeanLiesBetweenMinimumAndMaximumAndVarianceIsNotNegative()
    {
        PropertyChecks.Verify(Prop.ForAll(Samples.VaryingSample.ToArbitrary(), values =>
        {
            var summary = SampleSummary.Of(values);
            return summary.Minimum <= summary.Mean && summary.Mean <= summary.Maximum
                && summary.Minimum <= summary.Median && summary.Median <= summary.Maximum
                && summary.Variance > 0;
        }));
    }

    [Fact]
    public void BadInputGetsOneClearMessage()
    {
        var tooShort = Assert.Throws<ArgumentException>(() => SampleSummary.Of([1.0]));
        Assert.Contains("at least 2", tooShort.Message);
        var notFinite = Assert.Throws<ArgumentException>(() => SampleSummary.Of([1.0, double.NaN, 2.0]));
        Assert.Contains("values[1]", notFinite.Message);
    }
}
