using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Model.Randomness;
using Xunit;

namespace LocalSgdVerify.Tests.Randomness;

/// <summary>
/// The batch fills equal the scalar <see cref="CounterBasedRandom.Normal"/> bit for bit on every SIMD path, for
/// every length (0, 1, odd, not a multiple of the lane count) and worker layout.
/// </summary>
public class FillEquivalenceTests
{
    // SimdPath is internal, so theories name the path and parse it.
    private static SimdPath SkipUnlessSupported(string pathName)
    {
        SimdPath path = Enum.Parse<SimdPath>(pathName);
        if (!SimdPaths.IsSupported(path))
        {
            Assert.Skip($"{path} needs instructions this processor lacks.");
        }
        return path;
    }

    private static bool SameBits(double a, double b) => BitConverter.DoubleToUInt64Bits(a) == BitConverter.DoubleToUInt64Bits(b);

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void FillNormalsEqualsNormalForEveryIndex(string pathName)
    {
        SimdPath path = SkipUnlessSupported(pathName);
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), RandomnessGenerators.Address.ToArbitrary(), RandomnessGenerators.Length.ToArbitrary(),
                (random, address, length) =>
                {
                    // One spare element on each side must stay untouched.
                    var buffer = new double[length + 2];
                    buffer[0] = buffer[^1] = 12345.0;
                    random.FillNormals(address, buffer.AsSpan(1, length), path);
                    for (int j = 0; j < length; j++)
                    {
                        if (!SameBits(buffer[j + 1], random.Normal(address, j)))
                        {
                            return false;
                        }
                    }
                    return buffer[0] == 12345.0 && buffer[^1] == 12345.0;
                })
            .Check(RandomnessPropertyConfig.Create(300));
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void FillNormalsForWorkersEqualsNormal(string pathName)
    {
        SimdPath path = SkipUnlessSupported(pathName);
        var layout =
            from replicate in RandomnessGenerators.Coordinate
            from firstWorker in Gen.Frequency((4, Gen.Choose(0, 40)), (1, Gen.Choose(int.MaxValue - 30, int.MaxValue - 30)))
            from workerCount in Gen.Frequency((1, Gen.Elements(0, 1, 2, 3)), (3, Gen.Choose(0, 25)))
            from step in RandomnessGenerators.Coordinate
            from perWorker in Gen.Frequency((2, Gen.Elements(0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17)), (2, Gen.Choose(0, 60)))
            select (replicate, firstWorker, workerCount, step, perWorker);
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), layout.ToArbitrary(), (random, l) =>
                {
                    int needed = l.workerCount * l.perWorker;
                    var buffer = new double[needed + 3];
                    Array.Fill(buffer, -777.0);
                    random.FillNormalsForWorkers(l.replicate, l.firstWorker, l.workerCount, l.step, l.perWorker, buffer, path);
                    for (int w = 0; w < l.workerCount; w++)
                    {
                        for (int j = 0; j < l.perWorker; j++)
                        {
                            double expected = random.Normal(new NoiseAddress(l.replicate, l.firstWorker + w, l.step), j);
                            if (!SameBits(buffer[w * l.perWorker + j], expected))
                            {
                                return false;
                            }
                        }
                    }
                    return buffer.AsSpan(needed).ToArray().All(x => x == -777.0);
                })
            .Check(RandomnessPropertyConfig.Create(300));
    }

    [Fact]
    public void AllSupportedPathsGiveIdenticalBits()
    {
        var paths = RandomnessGenerators.SupportedPaths().ToArray();
        Assert.Contains(SimdPath.Scalar, paths);
        var layout =
            from address in RandomnessGenerators.Address
            from length in RandomnessGenerators.Length
            from workerCount in Gen.Choose(1, 9)
            select (address, length, workerCount);
        Prop.ForAll(RandomnessGenerators.Random.ToArbitrary(), layout.ToArbitrary(), (random, l) =>
                {
                    (NoiseAddress address, int length, int workerCount) = l;
                    double[][] single = paths.Select(path =>
                    {
                        var values = new double[length];
                        random.FillNormals(address, values, path);
                        return values;
                    }).ToArray();
                    int perWorker = length % 23;
                    double[][] workers = paths.Select(path =>
                    {
                        var values = new double[workerCount * perWorker];
                        random.FillNormalsForWorkers(address.Replicate, Math.Min(address.Worker, int.MaxValue - 9), workerCount, address.Step, perWorker, values, path);
                        return values;
                    }).ToArray();
                    return single.All(v => v.Select(BitConverter.DoubleToUInt64Bits).SequenceEqual(single[0].Select(BitConverter.DoubleToUInt64Bits)))
                        && workers.All(v => v.Select(BitConverter.DoubleToUInt64Bits).SequenceEqual(workers[0].Select(BitConverter.DoubleToUInt64Bits)));
                })
            .Check(RandomnessPropertyConfig.Create(200));
    }

    [Fact]
    public void BothVectorWidthsAreExercisedOnThisMachine()
    {
        // The equivalence theories above skip a path the processor lacks; on the reference machine (AVX-512F/DQ/BW/VL)
        // both vector paths must run, or the bit-identity claim goes untested.
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            Assert.Skip("Not an AVX-512 machine; the Vector512 path cannot be exercised here.");
        }
        Assert.True(SimdPaths.IsSupported(SimdPath.Vector512));
        Assert.True(SimdPaths.IsSupported(SimdPath.Vector256));
        Assert.Equal(SimdPath.Vector512, SimdPaths.Best);
    }

    [Fact]
    public void FillNormalsReachesLargeIndices()
    {
        // A long fill covers counter word 0 beyond one lane group many times over; spot-check far indices.
        var random = new CounterBasedRandom(99, NoiseStreams.GradientNoise);
        var address = new NoiseAddress(3, 5, 7);
        var values = new double[100_003];
        random.FillNormals(address, values);
        foreach (int j in new[] { 0, 1, 15, 16, 17, 65_535, 65_536, 99_999, 100_000, 100_001, 100_002 })
        {
            Assert.True(SameBits(values[j], random.Normal(address, j)), $"index {j}");
        }
    }
}
