using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Claims.Haddadpour;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Model.Communication;
using LocalSgdVerify.Model.StepSizes;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.StatisticalTests.Claims.Haddadpour;

/// <summary>The predicted quantities of Haddadpour et al.'s schedules as pure functions (fast, exact).</summary>
public sealed class HaddadpourTheoryTests
{
    [Fact]
    public void LupaRoundCountMatchesTheScheduleAndLiesWithinTheDerivedBounds()
    {
        // R = ⌈T/τ⌉ with τ = ⌊c(T²/p)^{1/3}⌋: (pT)^{1/3}/c ≤ R < T/(c(T²/p)^{1/3} − 1) + 1 (HaddadpourTheory.LupaRoundBounds).
        var cases = Gen.Choose(1, 200_000).SelectMany(t => Gen.Choose(1, 64).SelectMany(p => Gen.Choose(1, 40).Select(c => (t, p, c / 10.0)))).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (steps, workers, scale) = c;
            var schedule = new HaddadpourPeriod(scale);
            int rounds = SyncSteps.Of(schedule, new ScheduleContext(steps, workers, new ConstantStepSize(0.1))).Length;
            var (lower, upper) = HaddadpourTheory.LupaRoundBounds(steps, workers, scale);
            return rounds == ScheduleRounds.OfConstantPeriod(steps, schedule.PeriodFor(steps, workers))
                && rounds >= lower * (1 - 1e-12) && rounds <= upper * (1 + 1e-12);
        }).Check(TestSeeds.Properties(200));
    }

    [Fact]
    public void ConditionsOfAHandExample()
    {
        // Sync steps 3, 4, 10 of T = 10: periods 3, 1, 6; Σ = 10; Σ τ(τ − 1) = 6 + 0 + 30 = 36; (max τ)³pB/T² = 216·2·3/100.
        var conditions = HaddadpourTheory.Conditions([3, 4, 10], 10, 2, 3);
        Assert.Equal([3, 1, 6], conditions.Periods);
        Assert.Equal(10, conditions.SumOfPeriods);
        Assert.Equal(0.36, conditions.SquaresRatio, 15);
        Assert.Equal(12.96, conditions.LongestRatio, 12);
        Assert.Equal(6, conditions.Longest);
    }

    [Fact]
    public void ConditionsRejectANonIncreasingList()
        => Assert.Throws<ArgumentException>(() => HaddadpourTheory.Conditions([3, 3, 10], 10, 1, 1));

    [Fact]
    public void LinearRuleConstantsBoundTheRuleAtEveryLargerHorizon()
    {
        // The a priori constants of H2 hold for the rule itself: at T ≥ T0 the ratios stay below their value at T0,
        // and the longest period below its derived bound.
        var cases = Gen.Choose(20, 5000).SelectMany(t0 => Gen.Choose(1, 32).SelectMany(p => Gen.Choose(1, 16)
            .SelectMany(tau => Gen.Choose(1, 64).Select(growth => (t0, p, tau, growth))))).ToArbitrary();
        Prop.ForAll(cases, c =>
        {
            var (baseHorizon, workers, initialPeriod, growth) = c;
            int steps = baseHorizon * growth;
            var rule = new AdaLupaLinear(initialPeriod, HaddadpourTheory.AdaLupaRounds(steps, workers, 1.0));
            var sync = SyncSteps.Of(rule, new ScheduleContext(steps, workers, new ConstantStepSize(0.1)));
            var conditions = HaddadpourTheory.Conditions(sync, steps, workers, 1);
            return conditions.SumOfPeriods == steps
                && conditions.Longest <= HaddadpourTheory.LinearRuleLongestPeriodBound(steps, workers, initialPeriod, 1.0)
                && conditions.SquaresRatio <= HaddadpourTheory.LinearRuleSecondConditionConstant(baseHorizon, workers, initialPeriod, 1.0)
                && conditions.LongestRatio <= HaddadpourTheory.LinearRuleThirdConditionConstant(baseHorizon, workers, 1, initialPeriod, 1.0);
        }).Check(TestSeeds.Properties(200));
    }

    [Fact]
    public void ThirdConditionConstantTendsToEightBOverCCubed()
    {
        // (τ0 + 1 + 2T^{2/3}/(c p^{1/3}))³pB/T² → 8B/c³ as T → ∞.
        double constant = HaddadpourTheory.LinearRuleThirdConditionConstant(1_000_000_000, 4, 3, 4, 2.0);
        Assert.InRange(constant, 8.0 * 3 / 8, 8.0 * 3 / 8 * 1.001);
    }
}
