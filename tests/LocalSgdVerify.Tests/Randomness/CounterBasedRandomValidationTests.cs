using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>Bad input gets one clear message naming the field, the value and what is allowed.</summary>
public class CounterBasedRandomValidationTests
{
    private static readonly CounterBasedRandom Random = new(1, NoiseStreams.GradientNoise);

    [Theory]
    [InlineData(-1, 0, 0, "address.Replicate")]
    [InlineData(0, -2, 0, "address.Worker")]
    [InlineData(0, 0, -3, "address.Step")]
    public void NegativeAddressFieldsAreRejectedByName(int replicate, int worker, int step, string field)
    {
        var address = new NoiseAddress(replicate, worker, step);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Random.Normal(address, 0));
        Assert.Equal(field, error.ParamName);
        Assert.Contains("non-negative", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Random.Uniform(address, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Random.UniformInteger(address, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Random.FillNormals(address, new double[4]));
    }

    [Fact]
    public void NegativeIndexIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Random.Normal(new NoiseAddress(0, 0, 0), -1));
        Assert.Equal("index", error.ParamName);
        Assert.Contains("got -1", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CountBelowOneIsRejected(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Random.UniformInteger(new NoiseAddress(0, 0, 0), 0, count));
        Assert.Equal("count", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Theory]
    [InlineData(-1, 0, 1, 0, 1, "replicate")]
    [InlineData(0, -1, 1, 0, 1, "firstWorker")]
    [InlineData(0, 0, -1, 0, 1, "workerCount")]
    [InlineData(0, 0, 1, -1, 1, "step")]
    [InlineData(0, 0, 1, 0, -1, "perWorker")]
    [InlineData(0, int.MaxValue, 2, 0, 1, "workerCount")]
    public void FillNormalsForWorkersRejectsBadLayouts(int replicate, int firstWorker, int workerCount, int step, int perWorker, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Random.FillNormalsForWorkers(replicate, firstWorker, workerCount, step, perWorker, new double[10]));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void FillNormalsForWorkersRejectsAShortDestination()
    {
        var error = Assert.Throws<ArgumentException>(() => Random.FillNormalsForWorkers(0, 0, 3, 0, 4, new double[11]));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("12", error.Message);
    }

    [Fact]
    public void FillNormalsForWorkersAcceptsTheLastWorker()
    {
        var values = new double[2];
        Random.FillNormalsForWorkers(0, int.MaxValue, 1, 0, 2, values);
        Assert.Equal(Random.Normal(new NoiseAddress(0, int.MaxValue, 0), 1), values[1]);
    }
}
