using LocalSgdVerify.Checks.Framework.Measurements;
using Xunit;

namespace LocalSgdVerify.Tests.Measurements;

/// <summary>The store that keeps nothing computes every request whole and refuses a compute function that returns the wrong shape.</summary>
public sealed class DirectMeasurementsTests
{
    [Fact]
    public void ReplicatesAreComputedAsOneRangeFromZero()
    {
        var calls = new List<(int First, int Count)>();
        var rows = DirectMeasurements.Instance.Replicates("key", 5, (first, count) =>
        {
            calls.Add((first, count));
            return Enumerable.Range(first, count).Select(r => new[] { (double)r, r * 10.0 }).ToArray();
        });
        Assert.Equal([(0, 5)], calls);
        Assert.Equal([3.0, 30.0], rows[3]);
    }

    [Fact]
    public void AComputeFunctionWithTooFewRowsIsAProgrammingError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DirectMeasurements.Instance.Replicates("claim|simulate|x|1", 4, (_, _) => [[1.0], [2.0]]));
        Assert.Contains("claim|simulate|x|1", error.Message);
        Assert.Contains("expected 4", error.Message);
    }
}
