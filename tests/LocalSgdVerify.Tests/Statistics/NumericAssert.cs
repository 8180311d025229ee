using Xunit;

namespace LocalSgdVerify.Tests.Statistics;

/// <summary>The closeness check of the hand-computed statistics tests, with the values in round-trip form on failure.</summary>
internal static class NumericAssert
{
    /// <summary>
    /// |actual − expected| ≤ tolerance·max(scale, |expected|): relative for values above <paramref name="scale"/>,
    /// absolute (tolerance·scale) near zero; scale 0 makes it purely relative.
    /// </summary>
    internal static void AssertClose(double expected, double actual, double tolerance = 1e-12, double scale = 1)
    {
        Assert.True(
            Math.Abs(actual - expected) <= tolerance * Math.Max(scale, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (relative tolerance {tolerance:R})");
    }
}
