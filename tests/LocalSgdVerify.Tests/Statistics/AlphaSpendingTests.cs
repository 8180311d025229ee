using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>
/// The spending function α*(s) = a(2^s − 1)/(2^S − 1): what each look spends, that any set of looks spends a in total
/// (so the union bound gives a false-fail rate of at most a), and the looks' nominal samples ⌈M·2^{s−S}⌉.
/// </summary>
public sealed class AlphaSpendingTests
{
    [Fact]
    public void FiveLooksSpendOneThirtyFirstThenTwiceAsMuchEachTime()
    {
        double[] spent = Enumerable.Range(1, 5).Select(look => AlphaSpending.Spent(look - 1, look, 5)).ToArray();
        Assert.Equal([1 / 31.0, 2 / 31.0, 4 / 31.0, 8 / 31.0, 16 / 31.0], spent);
        Assert.Equal(0, AlphaSpending.Cumulative(0, 5));
        Assert.Equal(1, AlphaSpending.Cumulative(5, 5));
    }

    [Fact]
    public void AnyIncreasingSetOfLooksEndingAtTheLastSpendsTheWholeShare()
    {
        // The looks kept are any subset of 1..S that contains S (a plan leaves out looks whose samples coincide).
        var plans = from looks in Gen.Choose(1, 12)
                    from mask in Gen.Choose(0, (1 << (looks - 1)) - 1)
                    select (looks, Kept: Enumerable.Range(1, looks - 1).Where(look => (mask & (1 << (look - 1))) != 0).Append(looks).ToArray());
        Prop.ForAll(plans.ToArbitrary(), plan =>
        {
            double total = 0;
            int previous = 0;
            foreach (int look in plan.Kept) { total += AlphaSpending.Spent(previous, look, plan.looks); previous = look; }
            return Math.Abs(total - 1) <= 1e-15 * plan.Kept.Length;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void ALookSpendsWhatTheSpendingFunctionAddsSinceThePreviousLook()
    {
        var pairs = from looks in Gen.Choose(1, 12)
                    from look in Gen.Choose(1, looks)
                    from previous in Gen.Choose(0, look - 1)
                    select (looks, look, previous);
        Prop.ForAll(pairs.ToArbitrary(), pair =>
        {
            double expected = AlphaSpending.Cumulative(pair.look, pair.looks) - AlphaSpending.Cumulative(pair.previous, pair.looks);
            return Math.Abs(AlphaSpending.Spent(pair.previous, pair.look, pair.looks) - expected) <= 1e-15;
        }).Check(TestSeeds.Properties());
    }

    [Fact]
    public void TheNominalSampleIsTheCeilingOfTheMaximumTimesTheInformationFraction()
    {
        var cases = from maximum in Gen.Choose(0, 5_000_000)
                    from looks in Gen.Choose(1, 12)
                    from look in Gen.Choose(1, looks)
                    select (maximum, looks, look);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // ⌈M / 2^{S−s}⌉ in exact integer arithmetic, independently of the shift-based formula.
            var divisor = BigInteger.Pow(2, c.looks - c.look);
            var expected = BigInteger.DivRem(c.maximum, divisor, out var remainder) + (remainder.IsZero ? 0 : 1);
            return AlphaSpending.NominalSample(c.maximum, c.look, c.looks) == (int)expected;
        }).Check(TestSeeds.Properties());
        Assert.Equal(94, AlphaSpending.NominalSample(1500, 1, 5));
        Assert.Equal(1500, AlphaSpending.NominalSample(1500, 5, 5));
    }

    [Fact]
    public void LooksOutsideThePlanAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.Spent(3, 3, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.Cumulative(6, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.NominalSample(10, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlphaSpending.Cumulative(0, 0));
    }
}
