using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class ErrorBudgetTests
{
    [Fact]
    public void EqualSplitIsAlphaOverM()
    {
        Assert.Equal(2.5e-5, ErrorBudget.Split(1e-4, 4));
        Assert.Equal(1e-4, ErrorBudget.DefaultTotalFalseFailRate);
    }

    [Fact]
    public void WeightedSharesAreProportionalAndSumToTheTotal()
    {
        var budget = new ErrorBudget(1e-4);
        var heavy = budget.Register("rate exponent", weight: 3);
        var light = budget.Register("variance bound");
        Assert.Equal(7.5e-5, heavy.FalseFailRate, tolerance: 1e-18);
        Assert.Equal(2.5e-5, light.FalseFailRate, tolerance: 1e-18);
        Assert.Equal(1 - 2.5e-5, light.ConfidenceLevel, 15);
        Assert.Equal(1e-4, budget.Assertions.Sum(share => share.FalseFailRate), tolerance: 1e-18);
    }

    [Fact]
    public void RegisterEachGivesEveryAssertionOfAClaimTheEqualShare()
    {
        // Two claims with 3 and 1 statistical assertions and one with none: m = 4, so each share is 1e-4/4 = 2.5e-5 exactly.
        var budget = new ErrorBudget(1e-4);
        var first = budget.RegisterEach("a.first", 3);
        var second = budget.RegisterEach("a.second", 1);
        Assert.Empty(budget.RegisterEach("a.exact", 0));
        Assert.Equal(["a.first #1", "a.first #2", "a.first #3"], first.Select(share => share.Name));
        Assert.Equal(4, budget.Count);
        Assert.All(first.Concat(second), share => Assert.Equal(ErrorBudget.Split(1e-4, 4), share.FalseFailRate));
    }

    [Fact]
    public void ReadingAShareSealsTheBudget()
    {
        var budget = new ErrorBudget();
        var first = budget.Register("first");
        _ = first.FalseFailRate;
        Assert.True(budget.IsSealed);
        var error = Assert.Throws<InvalidOperationException>(() => budget.Register("late"));
        Assert.Contains("late", error.Message);
        Assert.Contains("sealed", error.Message);
    }

    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var budget = new ErrorBudget();
        budget.Register("same");
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => budget.Register("same")).Message);
    }

    [Fact]
    public void HolmOnAHandMadeListRejectsMoreThanBonferroni()
    {
        // α = 0.05, m = 4: Holm thresholds 0.0125, 0.01667, 0.025, 0.05 against sorted p = 0.001, 0.013, 0.02, 0.9:
        // the first three are rejected, then 0.9 stops it. Bonferroni (0.0125) rejects only 0.001.
        double[] pValues = [0.02, 0.9, 0.001, 0.013];
        Assert.Equal([true, false, true, true], ErrorBudget.Holm(pValues, 0.05));
        Assert.Equal([false, false, true, false], ErrorBudget.Bonferroni(pValues, 0.05));
    }

    [Fact]
    public void HolmStopsAtTheFirstRetainedHypothesis()
    {
        // Sorted 0.005 ≤ 0.0125 rejected; 0.01 ≤ 0.01667 rejected; 0.03 > 0.025 stops, so 0.04 ≤ 0.05 is retained too.
        Assert.Equal([true, false, false, true], ErrorBudget.Holm([0.01, 0.04, 0.03, 0.005], 0.05));
    }

    [Fact]
    public void WeightedHolmOnARegisteredBudgetIsKnownByHand()
    {
        // α = 0.04, weights 3 and 1. Order by p/w: a (0.02/3) then b (0.015/1). a: threshold 0.04·3/4 = 0.03 → reject;
        // b: remaining weight 1, threshold 0.04 → reject. Weighted Bonferroni would give b only 0.01 and retain it.
        var budget = new ErrorBudget(0.04);
        budget.Register("a", 3);
        budget.Register("b", 1);
        var decisions = budget.Holm(new Dictionary<string, double> { ["a"] = 0.02, ["b"] = 0.015 });
        Assert.Equal(["a", "b"], decisions.Select(decision => decision.Name));
        Assert.Equal(0.03, decisions[0].Threshold, 15);
        Assert.Equal(0.04, decisions[1].Threshold, 15);
        Assert.True(decisions.All(decision => decision.Rejected));
        Assert.True(budget.ShareOf("b") < 0.015);
    }

    [Fact]
    public void HolmNeedsEveryRegisteredPValue()
    {
        var budget = new ErrorBudget();
        budget.Register("a");
        budget.Register("b");
        var error = Assert.Throws<ArgumentException>(() => budget.Holm(new Dictionary<string, double> { ["a"] = 0.5 }));
        Assert.Contains("'b'", error.Message);
    }

    /// <summary>p-values of one run (mostly small, some anywhere in [0, 1]) and its total false-fail rate α.</summary>
    public sealed record PValuesAndAlpha(double[] PValues, double Alpha)
    {
        public override string ToString() => $"α = {Alpha}, p = [{string.Join(", ", PValues)}]";
    }

    /// <summary>The arbitrary of <see cref="PValuesAndAlpha"/>.</summary>
    public static class Runs
    {
        public static Arbitrary<PValuesAndAlpha> PValuesAndAlphas() =>
            Gen.Choose(1, 30)
                .SelectMany(count => Gen.ArrayOf(
                    Gen.Frequency((3, Gen.Choose(0, 1000).Select(k => k / 1e5)), (1, Gen.Choose(0, 1000).Select(k => k / 1000.0))),
                    count))
                .Zip(Gen.Elements(1e-4, 0.01, 0.05), (pValues, alpha) => new PValuesAndAlpha(pValues, alpha))
                .ToArbitrary();
    }

    [ReplayedProperty(MaxTest = 200, Arbitrary = [typeof(Runs)])]
    public bool HolmRejectsASupersetOfBonferroni(PValuesAndAlpha run)
    {
        var (pValues, total) = run;
        var holm = ErrorBudget.Holm(pValues, total);
        var bonferroni = ErrorBudget.Bonferroni(pValues, total);
        bool superset = bonferroni.Select((rejected, index) => !rejected || holm[index]).All(ok => ok);
        // Holm never rejects anything above α, and rejecting p implies rejecting every smaller p.
        bool bounded = pValues.Select((pValue, index) => !holm[index] || pValue <= total).All(ok => ok);
        bool monotone = pValues.Select((pValue, index) => !holm[index]
            || pValues.Select((other, otherIndex) => other >= pValue || holm[otherIndex]).All(ok => ok)).All(ok => ok);
        return superset && bounded && monotone;
    }
}
