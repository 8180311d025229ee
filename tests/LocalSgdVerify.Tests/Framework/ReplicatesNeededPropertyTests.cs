using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Checks.Framework;
using LocalSgdVerify.Checks.Statistics;
using LocalSgdVerify.TestSupport;
using Xunit;

namespace LocalSgdVerify.Tests.Framework;

/// <summary>
/// Laws of f = (h/D)² on intervals built from integers (multiples of 1/8, so every difference is exact): scaling the
/// half-widths by k scales f by k², and f agrees with the verdict rule — Pass exactly when the estimate is on the
/// accepting side and f ≤ 1, Fail exactly when it is on the rejecting side and f &lt; 1 (at f = 1 the interval touches
/// the boundary, which "≤ bound" accepts but a fail, needing the interval strictly beyond, does not).
/// </summary>
public sealed class ReplicatesNeededPropertyTests
{
    /// <summary>One generated assertion shape: the rule, estimate, lower and upper half-widths, and the bounds.</summary>
    public sealed record Case(string Rule, double Estimate, double Below, double Above, double Lower, double Upper)
    {
        public AssertionResult Assertion(double scale = 1) => Rule switch
        {
            ReplicatesNeeded.AtMostRule => ReplicatesNeededTests.AtMost(Estimate - scale * Below, Estimate, Estimate + scale * Above, Upper),
            ReplicatesNeeded.AtLeastRule => ReplicatesNeededTests.AtLeast(Estimate - scale * Below, Estimate, Estimate + scale * Above, Lower),
            _ => ReplicatesNeededTests.Within(Estimate - scale * Below, Estimate, Estimate + scale * Above, Lower, Upper),
        };

        public bool OnBoundary => Rule switch
        {
            ReplicatesNeeded.AtMostRule => Estimate == Upper,
            ReplicatesNeeded.AtLeastRule => Estimate == Lower,
            _ => Estimate == Lower || Estimate == Upper,
        };

        public bool EstimateAccepted => Rule switch
        {
            ReplicatesNeeded.AtMostRule => Estimate <= Upper,
            ReplicatesNeeded.AtLeastRule => Estimate >= Lower,
            _ => Lower <= Estimate && Estimate <= Upper,
        };
    }

    private static readonly Gen<Case> Cases =
        from rule in Gen.Elements(ReplicatesNeeded.AtMostRule, ReplicatesNeeded.AtLeastRule, ReplicatesNeeded.WithinRule)
        from estimate in Gen.Choose(-40, 40)
        from below in Gen.Choose(0, 40)
        from above in Gen.Choose(0, 40)
        from lower in Gen.Choose(-40, 40)
        from width in Gen.Choose(1, 40)
        select new Case(rule, estimate / 8.0, below / 8.0, above / 8.0, lower / 8.0, (lower + width) / 8.0);

    [Fact]
    public void ScalingTheHalfWidthsByKScalesTheFractionByKSquared() =>
        Check.One(TestSeeds.Properties(300).WithQuietOnSuccess(true), Prop.ForAll(Cases.ToArbitrary(), Gen.Choose(2, 6).ToArbitrary(), (shape, k) =>
        {
            if (shape.OnBoundary) return true;
            double? one = shape.Assertion().ReplicatesNeeded.Fraction, scaled = shape.Assertion(k).ReplicatesNeeded.Fraction;
            Assert.True(one is not null && scaled is not null, $"{shape}: the rule was not recognised");
            double expected = k * k * one!.Value;
            Assert.True(Math.Abs(scaled!.Value - expected) <= 1e-12 * Math.Max(expected, 1e-300),
                $"{shape}, k = {k}: f(k) = {scaled} but k²·f(1) = {expected}");
            return true;
        }));

    [Fact]
    public void TheFractionIsBelowOneExactlyWhenTheIntervalClearsTheBoundary() =>
        Check.One(TestSeeds.Properties(500).WithQuietOnSuccess(true), Prop.ForAll(Cases.ToArbitrary(), shape =>
        {
            if (shape.OnBoundary) return true;
            var assertion = shape.Assertion();
            double fraction = assertion.ReplicatesNeeded.Fraction!.Value;
            var expected = shape.EstimateAccepted
                ? (fraction <= 1 ? Verdict.Pass : Verdict.Inconclusive)
                : (fraction < 1 ? Verdict.Fail : Verdict.Inconclusive);
            Assert.True(expected == assertion.Verdict, $"{shape}: f = {fraction} implies {expected}, the rule decided {assertion.Verdict}");
            return true;
        }));
}
