using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Framework.Exploration;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.Model.Algorithm;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.Problems;
using LocalSgdVerify.Model.Scenarios;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;
using Replay = LocalSgdVerify.Checks.Framework.Exploration.Replay;

namespace LocalSgdVerify.Tests.Exploration;

/// <summary>
/// The exploration engine on a space whose answers are known by hand: integers 0..1000 shrinking toward 0 by halving
/// the distance, laws that hold below a threshold. Shrinking must land exactly on the smallest failing value (the
/// shrinker reaches every integer by halving steps), and the draw must be a pure function of the seed.
/// </summary>
public sealed class ExplorerTests
{
    private static readonly AssumptionSpace<int> Integers = new(Gen.Choose(0, 1000), x => SpaceParts.Toward(x, 0), x => x is >= 0 and <= 1000, x => $"x = {x}",
        [new Hypothesis("0 ≤ x ≤ 1000", "test")]);

    private static readonly Replay AnyReplay = new(new Scenario
    {
        Name = "test",
        Configuration = new LocalSgdConfiguration(new SeparableQuadratic([1.0], 0, 1), 1, 1, [1.0], new ConstantStepSize(0.1), new EveryStep()),
    }, true, 0);

    private static ClaimContext Context(ulong seed) => new(Profile.Quick, seed, 1e-3, 1, TestContext.Current.CancellationToken) { ClaimId = "test" };

    private static LawOutcome Below(int x, int threshold) => LawOutcome.AtMost(x, threshold, "x", AnyReplay);

    [Fact]
    public void ACounterexampleShrinksToTheSmallestFailingValue()
    {
        var result = Explorer.ForAll(Context(7), Integers, 200, "x ≤ 300", x => Below(x, 300));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.NotNull(result.Counterexample);
        Assert.Equal(301, result.Counterexample!.Final.Configuration);
        Assert.True(result.Counterexample.Original.Configuration > 300);
        Assert.Equal(result.Explored.Count(e => e.Configuration > 300), result.ToReport().Verdicts.Fail);
        Assert.Equal(result.Explored.Max(e => e.Configuration), result.Worst!.Configuration);
    }

    [Fact]
    public void ALawThatHoldsEverywhereHasNoCounterexampleAndReportsItsWorstRatio()
    {
        var result = Explorer.ForAll(Context(7), Integers, 200, "x ≤ 2000", x => Below(x, 2000));
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Null(result.Counterexample);
        var report = result.ToReport();
        Assert.Null(report.Counterexample);
        Assert.Equal(result.Explored.Max(e => e.Configuration) / 2000.0, report.Worst!.Ratio, 15);
        Assert.Equal(200, report.Configurations);
    }

    [Fact]
    public void ExamplesAreExploredFirstAndCounted()
    {
        var result = Explorer.ForAll(Context(7), Integers, 10, "x ≤ 2000", x => Below(x, 2000), [1000, 0]);
        Assert.Equal([1000, 0], result.Explored.Take(2).Select(e => e.Configuration));
        Assert.Equal(12, result.ToReport().Configurations);
    }

    [Fact]
    public void AWitnessShrinksToTheSmallestValueThatIsStillAWitness()
    {
        // The predicted failure "x exceeds 700" is seen at a witness: Pass = witness.
        var result = Explorer.Exists(Context(3), Integers, 100, "x > 700", x => new LawOutcome(x > 700 ? Verdict.Pass : Verdict.Fail, x, 700, "x", AnyReplay));
        Assert.Equal(Verdict.Pass, result.Verdict);
        Assert.Equal(701, Assert.Single(result.Witnesses).Final.Configuration);
        var report = result.ToReport();
        Assert.Same(report.Witnesses[0], report.Witness);
        Assert.Equal(701, report.Witness!.Measured);
    }

    [Fact]
    public void AnExistenceClaimWithoutAWitnessFailsWhenEveryConfigurationDecidedAgainstIt()
    {
        var result = Explorer.Exists(Context(3), Integers, 100, "x > 5000", x => new LawOutcome(x > 5000 ? Verdict.Pass : Verdict.Fail, x, 5000, "x", AnyReplay));
        Assert.Equal(Verdict.Fail, result.Verdict);
        Assert.Empty(result.Witnesses);
        Assert.Null(result.ToReport().Witness);
    }

    [Fact]
    public void EveryGroupNeedsItsOwnWitness()
    {
        string Group(int x) => x % 2 == 0 ? "even" : "odd";
        // Only even values above 900 are witnesses: the odd group has none, and every odd configuration decided against it.
        var result = Explorer.Exists(Context(5), Integers, 300, "even and > 900",
            x => new LawOutcome(x % 2 == 0 && x > 900 ? Verdict.Pass : Verdict.Fail, x, 900, "x", AnyReplay), ["even", "odd"], Group);
        Assert.Equal(Verdict.Fail, result.Verdict);
        var witness = Assert.Single(result.Witnesses);
        Assert.Equal("even", witness.Group);
        Assert.Equal(902, witness.Final.Configuration);
    }

    [Fact]
    public void ShrinkingStopsAtItsBudget()
    {
        int evaluations = 0;
        var result = Explorer.ForAll(Context(7), Integers, 50, "x ≤ 0", x => { evaluations++; return Below(x, 0); }, shrinkBudget: 3);
        Assert.Equal(3, result.Counterexample!.Evaluations);
        Assert.Equal(50 + 3, evaluations);
    }

    [Fact]
    public void TheDrawIsAPureFunctionOfTheSeedAndAPrefixOfLongerDraws()
    {
        var first = Integers.Draw(11, 100);
        Assert.Equal(first, Integers.Draw(11, 100));
        Assert.Equal(first.Take(40), Integers.Draw(11, 40));
        Assert.NotEqual(first, Integers.Draw(12, 100));
        Assert.Equal(
            Explorer.ForAll(Context(9), Integers, 60, "x ≤ 500", x => Below(x, 500)).Explored.Select(e => e.Configuration),
            Explorer.ForAll(Context(9), Integers, 60, "x ≤ 500", x => Below(x, 500)).Explored.Select(e => e.Configuration));
    }

    [Fact]
    public void TheDrawStaysInsideTheSpaceEvenWhenTheGeneratorStraysOutside()
    {
        var evens = new AssumptionSpace<int>(Gen.Choose(0, 100), x => SpaceParts.Toward(x, 0), x => x % 2 == 0, x => $"{x}", []);
        Assert.All(evens.Draw(1, 200), x => Assert.Equal(0, x % 2));
        Assert.All(evens.Shrink(99), x => Assert.Equal(0, x % 2));
    }

    [Fact]
    public void TowardMovesThroughTheGridNearestTheTargetFirst()
    {
        Assert.Equal([1, 1.5, 2], SpaceParts.Toward(2.5, 1, [0.5, 1, 1.5, 2, 2.5, 3]));
        Assert.Equal([0.5], SpaceParts.Toward(0.25, 0.5, [0.25, 0.5, 1]));
        Assert.Empty(SpaceParts.Toward(1.0, 1, [1.0]));
        Assert.Equal([2, 51, 76, 88, 94, 97, 99], SpaceParts.Toward(100, 2));
        Assert.Empty(SpaceParts.Toward(2, 2));
    }
}
