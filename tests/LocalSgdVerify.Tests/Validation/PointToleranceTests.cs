using LocalSgdVerify.Validation.Oracle;
using Xunit;

namespace LocalSgdVerify.Tests.Validation;

/// <summary>|x − x_ref|∞ ≤ ρ·max(1, |x_ref|∞), worked out by hand.</summary>
public sealed class PointToleranceTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }, 0.0, 0)]
    [InlineData(new[] { 1.5, 2.0 }, new[] { 1.0, 2.0 }, 0.25, 0)]      // |0.5| / max(1, 2)
    [InlineData(new[] { 0.001, 0.0 }, new[] { 0.0, 0.0 }, 0.001, 0)]    // near the optimum the floor 1 applies
    [InlineData(new[] { 1000.0, 1e6 + 1 }, new[] { 1000.0, 1e6 }, 1e-6, 1)]
    [InlineData(new[] { 0.0, double.NaN }, new[] { 0.0, 0.0 }, double.PositiveInfinity, 1)]
    public void DeviationIsTheScaledMaxNormWithItsWorstCoordinate(double[] actual, double[] expected, double deviation, int coordinate)
    {
        Assert.Equal(deviation, PointTolerance.Deviation(actual, expected, out int worst), 15);
        Assert.Equal(coordinate, worst);
    }

    [Fact]
    public void ToleranceBoundaryIsInclusive()
    {
        Assert.True(PointTolerance.Within([1.0 + 1e-9 * 2], [1.0], 2e-9 * 1.0000001));
        Assert.False(PointTolerance.Within([1.0 + 4e-9], [1.0], 2e-9));
        Assert.Throws<ArgumentException>(() => PointTolerance.Deviation([1.0], [1.0, 2.0], out _));
    }
}
