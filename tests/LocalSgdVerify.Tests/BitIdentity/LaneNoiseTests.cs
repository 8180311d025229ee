using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;
using LocalSgdVerify.TestSupport;
using LocalSgdVerify.Tests.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.BitIdentity;

/// <summary>
/// The block-level noise fill the fused kernels use draws exactly the generator's contract: lane (r, w, j) of a
/// step holds Normal((r0 + r, w, step), j), bit for bit, on every SIMD path and for every layout (one normal per
/// worker, even rows, block tails that are not whole groups of 32 Philox blocks).
/// </summary>
public class LaneNoiseTests
{
    private static bool SameBits(double a, double b) => BitConverter.DoubleToUInt64Bits(a) == BitConverter.DoubleToUInt64Bits(b);

    private static readonly Gen<(int First, int Replicates, int Workers, int PerWorker, int Step)> Layouts =
        from first in Gen.Frequency((4, Gen.Choose(0, 100)), (1, Gen.Choose(int.MaxValue - 200, int.MaxValue - 100)))
        from replicates in Gen.Frequency((1, Gen.Elements(0, 1)), (4, Gen.Choose(1, 40)))
        from workers in Gen.Frequency((1, Gen.Elements(0, 1)), (4, Gen.Choose(1, 13)))
        from perWorker in Gen.Frequency((2, Gen.Constant(1)), (3, Gen.Choose(1, 20).Select(half => 2 * half)))
        from step in RandomnessGenerators.Coordinate
        select (first, replicates, workers, perWorker, step);

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void EveryLaneHoldsTheNormalOfItsAddress(string pathName)
    {
        SimdPath path = Enum.Parse<SimdPath>(pathName);
        if (!SimdPaths.IsSupported(path)) Assert.Skip($"{path} needs instructions this processor lacks.");
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), Layouts.ToArbitrary(), (random, layout) =>
        {
            var noise = new LaneNoise(layout.First, layout.Replicates, layout.Workers, layout.PerWorker);
            // One spare element after the lanes must stay untouched.
            var buffer = new double[noise.Length + 1];
            buffer[^1] = -777.0;
            noise.Fill(random, layout.Step, buffer, path);
            int lane = 0;
            for (int r = 0; r < layout.Replicates; r++)
                for (int w = 0; w < layout.Workers; w++)
                    for (int j = 0; j < layout.PerWorker; j++, lane++)
                        if (!SameBits(buffer[lane], random.Normal(new NoiseAddress(layout.First + r, w, layout.Step), j))) return false;
            return lane == noise.Length && buffer[^1] == -777.0;
        }).Check(TestSeeds.Properties(150));
    }

    [Fact]
    public void LengthsFollowTheLayout()
    {
        Assert.Equal(3 * 5 * 8, new LaneNoise(7, 3, 5, 8).Length);
        Assert.Equal(3 * 5, new LaneNoise(7, 3, 5, 1).Length);
        Assert.Equal(0, new LaneNoise(0, 0, 5, 2).Length);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-2)]
    public void OddRowsLongerThanOneAreRefusedWithTheLayoutNamed(int perWorker)
    {
        var error = Assert.Throws<ArgumentException>(() => new LaneNoise(0, 2, 2, perWorker));
        Assert.Contains($"{perWorker} normals per worker", error.Message);
        Assert.Contains("even count or 1", error.Message);
    }

    [Fact]
    public void AShortDestinationIsRefused()
    {
        var noise = new LaneNoise(0, 2, 3, 2);
        var error = Assert.Throws<ArgumentException>(() => noise.Fill(new CounterBasedRandom(1, 1), 0, new double[noise.Length - 1]));
        Assert.Contains("needs 12 elements", error.Message);
    }
}
