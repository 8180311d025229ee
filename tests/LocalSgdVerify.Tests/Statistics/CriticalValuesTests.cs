using LocalSgdVerify.Model.Statistics;
using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

public sealed class CriticalValuesTests
{
    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        Assert.True(
            Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative tolerance {tolerance:R})");
    }

    [Fact]
    public void StudentQuantileWithFourDegreesOfFreedomMatchesTables()
    {
        // t_{0.975, 4} = 2.776445105197794358 (root of the closed-form ν = 4 distribution function at 40 digits).
        // The often-quoted 2.7764451051977987 differs in the 16th digit; both lie within the 1e-14 tolerance.
        AssertRelative(2.776445105197794358, CriticalValues.StudentT(4, 0.025), 1e-14);
        AssertRelative(2.7764451051977987, CriticalValues.StudentT(4, 0.025), 1e-14);
    }

    [Theory]
    [InlineData(0.025)]
    [InlineData(1e-4)]
    [InlineData(1e-7)]
    [InlineData(0.3)]
    public void StudentQuantileWithOneDegreeOfFreedomIsTheCauchyQuantile(double tail)
    {
        // Cauchy: P(T > t) = 1/2 − atan(t)/π, so t = 1/tan(π q).
        AssertRelative(1 / Math.Tan(Math.PI * tail), CriticalValues.StudentT(1, tail), 1e-12);
    }

    [Fact]
    public void StudentQuantileWithThreeDegreesOfFreedomMatchesClosedForm()
    {
        // ν = 3: F(t) = ½ + (θ + sin θ cos θ)/π with θ = atan(t/√3); root at 0.975 computed to 30 digits.
        AssertRelative(3.182446305283709593, CriticalValues.StudentT(3, 0.025), 1e-14);
    }

    [Theory]
    [InlineData(0.025)]
    [InlineData(1e-4)]
    [InlineData(1e-9)]
    public void StudentQuantileWithTwoDegreesOfFreedomHasClosedForm(double tail)
    {
        // ν = 2: P(T ≤ t) = ½ + t / (2√(2 + t²)), so with p = 1 − q, t = (2p − 1) / √(2p(1 − p)).
        double probability = 1 - tail;
        double expected = (1 - 2 * tail) / Math.Sqrt(2 * probability * tail);
        AssertRelative(expected, CriticalValues.StudentT(2, tail), 1e-12);
    }

    [Fact]
    public void StudentQuantileHandlesTailsBeyondMathNetsSearchRange()
    {
        // MathNet's StudentT.InvCDF only searches [−800, 800]; t_{1−1e-4, 1} ≈ 3183.
        AssertRelative(1 / Math.Tan(Math.PI * 1e-4), CriticalValues.StudentT(1, 1e-4), 1e-12);
    }

    [Fact]
    public void StudentQuantileApproachesNormalForManyDegreesOfFreedom()
    {
        // Cornish–Fisher: t − z = (z³ + z)/(4ν) + O(ν⁻²).
        double z = CriticalValues.Normal(0.025);
        double degrees = 1e7;
        double expectedShift = (z * z * z + z) / (4 * degrees);
        AssertRelative(expectedShift, CriticalValues.StudentT(degrees, 0.025) - z, 1e-6);
    }

    [Fact]
    public void StudentQuantileIsContinuousAcrossTheCornishFisherSwitch()
    {
        double below = CriticalValues.StudentT(CriticalValues.LargeDegreesOfFreedom, 1e-6);
        double above = CriticalValues.StudentT(CriticalValues.LargeDegreesOfFreedom * (1 + 1e-9), 1e-6);
        AssertRelative(below, above, 1e-11);
    }

    [Fact]
    public void NormalQuantilesMatchTables()
    {
        AssertRelative(1.959963984540054, CriticalValues.Normal(0.025), 1e-14);
        AssertRelative(0.8416212335729143, CriticalValues.Normal(0.2), 1e-14);
        AssertRelative(-0.8416212335729143, CriticalValues.Normal(0.8), 1e-14);
    }

    [Fact]
    public void QuantilesAreAntisymmetric()
    {
        Assert.Equal(-CriticalValues.StudentT(7, 0.01), CriticalValues.StudentT(7, 0.99), 12);
        Assert.Equal(0, CriticalValues.StudentT(7, 0.5));
    }

    [Fact]
    public void BadArgumentsNameTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CriticalValues.StudentT(0, 0.025));
        Assert.Contains("degreesOfFreedom", error.Message);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => CriticalValues.Normal(1.5));
        Assert.Contains("upperTailProbability", error.Message);
    }
}
